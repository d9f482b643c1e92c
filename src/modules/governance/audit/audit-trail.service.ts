import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Identity } from '../../../common/auth/identity';
import { BatchWriter } from '../../../common/database/batch-writer';
import { type RowGroup, rowsInGroup } from '../../../common/database/row-group';
import { ROW_INSERTER, type RowInserter } from '../../../common/database/row-inserter';
import { timeOrderedId } from '../../../common/database/time-ordered-id';
import { GOVERNANCE_GROUP_BATCHES } from '../governance-row-batches';
import { SecretScanner } from '../secret-scan/secret-scanner';

/** The five points of a tool call's trace, in order. */
export const AUDIT_POINTS = ['identity', 'agent_context', 'permissions', 'tool_execution', 'result'] as const;
export type AuditPoint = (typeof AUDIT_POINTS)[number];

export interface AuditSubject {
  traceId: string;
  identity: Identity;
  agent?: string | null;
  server?: string | null;
  tool?: string | null;
}

/** The columns of an `audit_events` row that differ between one call's points. */
type AuditPointColumns = {
  seq: number;
  point: AuditPoint;
  outcome: string | null;
  data: string;
};

const COLUMNS = ['id', 'trace_id', 'seq', 'point', 'user_id', 'tenant_id', 'session_id', 'principal', 'agent', 'server', 'tool', 'outcome', 'data', 'created_at'] as const;

/**
 * The five-point audit trace (identity → agent context → permissions → tool execution →
 * result), linked by trace id. Data is stored only after secret redaction; rows are written in
 * batches off the hot path and flushed at shutdown.
 */
@Injectable()
export class AuditTrail implements OnModuleDestroy {
  private readonly writer: BatchWriter<RowGroup>;
  private readonly scanner = new SecretScanner({ maxInputBytes: 256 * 1024 });

  constructor(@Inject(ROW_INSERTER) inserter: RowInserter) {
    this.writer = new BatchWriter<RowGroup>('audit_events', (groups) => inserter.insertGroups('audit_events', COLUMNS, groups), GOVERNANCE_GROUP_BATCHES, rowsInGroup);
  }

  /**
   * `trusted` skips the secret scan for data this gateway built itself from its own records
   * (ids, roles, verdicts): the scan was a tenth of a governed call's CPU. Anything a caller or
   * a tool supplied is always scanned.
   */
  record(subject: AuditSubject, point: AuditPoint, data: Record<string, unknown>, outcome: string | null = null, trusted = false): void {
    this.writer.enqueue(this.group(subject, [this.point(point, data, outcome, trusted)]));
  }

  /** The first three points, which every governed call has, queued together as one row group. */
  recordDecision(subject: AuditSubject, decision: { decision: string; stage?: string; code?: string; reason?: string; policy_version: string }, callSource: string): void {
    const { identity } = subject;
    const identityPoint = this.point('identity', { principal: identity.principal, user_id: identity.userId, role: identity.role, credential: identity.credential, client_id: identity.clientId, actor_user_id: identity.actorUserId ?? null }, null, true);
    // The agent name and the session id may be the caller's (headers, the hook's input): each
    // is scanned by itself; the keys and the call source are this gateway's own.
    const agent = subject.agent == null ? null : this.scanner.redactText(subject.agent, 'agent');
    const contextPoint = this.point('agent_context', { agent, call_source: callSource, session_id: this.scanner.redactText(identity.sessionId, 'session_id') }, null, true);
    // A plain allow holds only our verdict (the trace id is stored as a column anyway); denial
    // reasons quote tool names, and rewritten arguments are the caller's: scanned.
    const plainAllow = decision.decision === 'allow' && !('tool_input' in decision);
    const permissionsPoint = this.point('permissions', { ...decision }, decision.decision, plainAllow);
    this.writer.enqueue(this.group(subject, [identityPoint, contextPoint, permissionsPoint]));
  }

  get stats() {
    return this.writer.stats;
  }

  flush(deadline?: number): Promise<void> {
    return this.writer.flush(deadline);
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.flush(Date.now() + 15_000);
  }

  private point(point: AuditPoint, data: Record<string, unknown>, outcome: string | null, trusted: boolean): AuditPointColumns {
    const redacted = trusted ? data : this.scanner.redact(data).value;
    return { seq: AUDIT_POINTS.indexOf(point) + 1, point, outcome, data: JSON.stringify(redacted) };
  }

  private group(subject: AuditSubject, points: AuditPointColumns[]): RowGroup {
    return {
      id: timeOrderedId(),
      shared: {
        trace_id: subject.traceId,
        user_id: subject.identity.userId,
        tenant_id: subject.identity.tenantId,
        session_id: subject.identity.sessionId,
        principal: subject.identity.principal,
        agent: subject.agent ?? null,
        server: subject.server ?? null,
        tool: subject.tool?.slice(0, 300) ?? null,
        created_at: new Date(),
      },
      members: points,
    };
  }
}
