import type { AgentItemDto, CostItemDto, OverviewGovernanceDto, OverviewRequestsDto, RequestItemDto, SessionGroupItemDto, SessionItemDto, ToolItemDto, UsageDto } from './dto/analytics-response.dto';
import type { ToolMeasures } from './governance-analytics.repository';
import type { AgentMeasures, CostMeasures, OverviewMeasures, RequestMeasures, SessionGroupMeasures, SessionRow } from './request-analytics.repository';

/** Database aggregates → response rows: counts exact, dollars derived from microdollars once, here. */
type Keyed<T> = T & { key: string | null };

const n = (value: number | null | undefined): number => value ?? 0;

function usage(row: CostMeasures | SessionRow): UsageDto {
  const micro = n(row.cost_microdollars);
  return {
    input_tokens: n(row.input_tokens),
    output_tokens: n(row.output_tokens),
    cache_read_tokens: n(row.cache_read_tokens),
    cache_write_tokens: n(row.cache_write_tokens),
    cost_microdollars: micro,
    cost_usd: micro / 1_000_000,
  };
}

export function costItem(row: Keyed<CostMeasures>): CostItemDto {
  return { key: row.key, requests: n(row.requests), ...usage(row) };
}

export function costTotals(row: CostMeasures): UsageDto & { requests: number } {
  return { requests: n(row.requests), ...usage(row) };
}

export function requestItem(row: Keyed<RequestMeasures>): RequestItemDto {
  return { ...costItem(row), failed: n(row.failed), latency_p50_ms: row.latency_p50_ms, latency_p95_ms: row.latency_p95_ms };
}

export function agentItem(row: Keyed<AgentMeasures>): AgentItemDto {
  return { ...requestItem(row), users: n(row.users), sessions: n(row.sessions) };
}

export function sessionGroupItem(row: Keyed<SessionGroupMeasures>): SessionGroupItemDto {
  return { ...costItem(row), sessions: n(row.sessions) };
}

export function sessionItem(row: SessionRow): SessionItemDto {
  return { session_id: row.session_id, user_id: row.user_id, requests: n(row.requests), first_at: row.first_at, last_at: row.last_at, ...usage(row) };
}

export function toolCounts(row: ToolMeasures): OverviewGovernanceDto {
  const calls = n(row.calls);
  const denied = n(row.denied);
  return { calls, allowed: Math.max(0, calls - denied), denied, decisions: n(row.decisions) };
}

export function toolItem(row: Keyed<ToolMeasures>): ToolItemDto {
  return { key: row.key, ...toolCounts(row) };
}

export function overviewRequests(row: OverviewMeasures): OverviewRequestsDto {
  return { requests: n(row.requests), failed: n(row.failed), ...usage(row), latency_p50_ms: row.latency_p50_ms, latency_p95_ms: row.latency_p95_ms, users: n(row.users), sessions: n(row.sessions) };
}
