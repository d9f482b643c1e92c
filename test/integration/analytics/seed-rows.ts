import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** `ai_requests` and `governance_decisions` rows for analytics tests, inserted with plain SQL. */
export interface RequestRow {
  id: string;
  trace_id: string;
  user_id: string | null;
  tenant_id: string | null;
  session_id: string | null;
  call_source: string;
  model: string;
  provider: string | null;
  endpoint: string;
  streamed: boolean;
  status: number;
  error_type: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_microdollars: number;
  latency_ms: number;
  agent: string | null;
  created_at: Date;
}

export interface DecisionRow {
  id: string;
  trace_id: string;
  user_id: string | null;
  tenant_id: string | null;
  session_id: string;
  principal: string;
  tool: string;
  server: string | null;
  stage: string;
  decision: 'allow' | 'deny';
  code: string | null;
  reason: string | null;
  policy_version: string;
  created_at: Date;
}

/** A deterministic generator (mulberry32): the same seed gives the same rows on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildRequest(overrides: Partial<RequestRow> = {}): RequestRow {
  return {
    id: randomUUID(),
    trace_id: randomUUID(),
    user_id: null,
    tenant_id: null,
    session_id: null,
    call_source: 'sdk',
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    endpoint: 'messages',
    streamed: false,
    status: 200,
    error_type: null,
    input_tokens: 10,
    output_tokens: 5,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    cost_microdollars: 100,
    latency_ms: 100,
    agent: null,
    created_at: new Date(),
    ...overrides,
  };
}

export function buildDecision(overrides: Partial<DecisionRow> = {}): DecisionRow {
  return {
    id: randomUUID(),
    trace_id: randomUUID(),
    user_id: null,
    tenant_id: null,
    session_id: 's',
    principal: 'user',
    tool: 'bash',
    server: null,
    stage: 'scope',
    decision: 'allow',
    code: null,
    reason: null,
    policy_version: 'v1',
    created_at: new Date(),
    ...overrides,
  };
}

async function insert(dataSource: DataSource, table: string, rows: object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500) as Record<string, unknown>[];
    const columns = Object.keys(chunk[0]!);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${columns.map((c) => (values.push(row[c]), `$${values.length}`)).join(', ')})`);
    await dataSource.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

export const insertRequests = (dataSource: DataSource, rows: RequestRow[]) => insert(dataSource, 'ai_requests', rows);
export const insertDecisions = (dataSource: DataSource, rows: DecisionRow[]) => insert(dataSource, 'governance_decisions', rows);

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

export const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);
export const succeeded = (r: RequestRow) => r.status < 400 && r.error_type === null;
