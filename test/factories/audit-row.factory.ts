import { randomUUID } from 'node:crypto';

/** The `audit_events` columns in insert order, as the audit trail writes them. */
export const AUDIT_COLUMNS = ['id', 'trace_id', 'seq', 'point', 'user_id', 'tenant_id', 'session_id', 'principal', 'agent', 'server', 'tool', 'outcome', 'data', 'created_at'] as const;

/** Pure: one `audit_events` row with a fresh id and trace id, for batch-insert tests. */
export function buildAuditRow(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    trace_id: `trace-${randomUUID()}`,
    seq: 3,
    point: 'permissions',
    user_id: null,
    tenant_id: null,
    session_id: null,
    principal: 'user',
    agent: null,
    server: null,
    tool: null,
    outcome: null,
    data: '{}',
    created_at: new Date('2026-01-02T03:04:05.678Z'),
    ...overrides,
  };
}
