import type { PrincipalKind, Role } from '../auth/roles';

/**
 * Every domain event and its payload, in one place. Producers emit through EventEmitter2;
 * consumers (SSE, analytics, SIEM export, metrics) listen. No domain imports another's
 * service to say that something happened.
 */
export interface EventBase {
  trace_id: string;
  user_id: string | null;
  tenant_id: string | null;
  occurred_at: string;
}

export interface AiRequestCompleted extends EventBase {
  request_id: string;
  model: string;
  upstream_model: string;
  provider: string;
  route: string;
  streamed: boolean;
  status: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_microdollars: number;
  latency_ms: number;
  ttft_ms: number | null;
  call_source: string;
}

export interface AiRequestFailed extends EventBase {
  request_id: string;
  model: string;
  provider: string | null;
  status: number;
  error_type: string;
  latency_ms: number;
}

export interface GovernanceDecisionEvent extends EventBase {
  session_id: string;
  principal: PrincipalKind;
  tool: string;
  server: string | null;
  decision: 'allow' | 'deny';
  stage: string | null;
  code: string | null;
  reason: string | null;
  policy_version: string;
}

export interface McpToolCalled extends EventBase {
  server: string;
  tool: string;
  outcome: 'success' | 'error' | 'denied';
  latency_ms: number;
}

export interface AuthLogin extends EventBase {
  method: 'passkey' | 'pat' | 'oauth';
  outcome: 'success' | 'failure';
}

export interface AuthTokenIssued extends EventBase {
  token_id: string;
  kind: 'pat' | 'jwt' | 'oauth_access' | 'oauth_refresh';
  name?: string;
}

export interface AuthTokenRevoked extends EventBase {
  token_id: string;
  kind: 'pat' | 'session' | 'oauth_family';
}

export interface UserCreated extends EventBase {
  created_user_id: string;
  email: string;
  role: Role;
}

export interface AgentTaskUpdated extends EventBase {
  agent: string;
  task_id: string;
  state: string;
}

export interface BudgetExceeded extends EventBase {
  scope: 'user' | 'tenant';
  period: string;
  limit_usd: number;
  spent_usd: number;
}

export interface DomainEventMap {
  'ai.request.completed': AiRequestCompleted;
  'ai.request.failed': AiRequestFailed;
  'governance.decision': GovernanceDecisionEvent;
  'mcp.tool.called': McpToolCalled;
  'auth.login': AuthLogin;
  'auth.token.issued': AuthTokenIssued;
  'auth.token.revoked': AuthTokenRevoked;
  'user.created': UserCreated;
  'agent.task.updated': AgentTaskUpdated;
  'budget.exceeded': BudgetExceeded;
}

export type DomainEventName = keyof DomainEventMap;
export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = [
  'ai.request.completed',
  'ai.request.failed',
  'governance.decision',
  'mcp.tool.called',
  'auth.login',
  'auth.token.issued',
  'auth.token.revoked',
  'user.created',
  'agent.task.updated',
  'budget.exceeded',
];
