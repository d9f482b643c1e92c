import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BatchWriter } from '../../../common/database/batch-writer';
import { ROW_INSERTER, type RowInserter } from '../../../common/database/row-inserter';
import { timeOrderedId } from '../../../common/database/time-ordered-id';
import { GOVERNANCE_ROW_BATCHES } from '../governance-row-batches';
import type { GovernanceContext, GovernanceDenial, StageName } from '../governance.types';

interface DecisionRow extends Record<string, unknown> {
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

const COLUMNS = ['id', 'trace_id', 'user_id', 'tenant_id', 'session_id', 'principal', 'tool', 'server', 'stage', 'decision', 'code', 'reason', 'policy_version', 'created_at'] as const;

/** Every stage's verdict becomes a `governance_decisions` row, written in batches off the hot path. */
@Injectable()
export class DecisionRecorder implements OnModuleDestroy {
  private readonly writer: BatchWriter<DecisionRow>;

  constructor(@Inject(ROW_INSERTER) inserter: RowInserter) {
    this.writer = new BatchWriter<DecisionRow>('governance_decisions', (rows) => inserter.insert('governance_decisions', COLUMNS, rows), GOVERNANCE_ROW_BATCHES);
  }

  record(context: GovernanceContext, stage: StageName, denial: GovernanceDenial | null, policyVersion: string): void {
    this.writer.enqueue({
      id: timeOrderedId(),
      trace_id: context.traceId,
      user_id: context.identity.userId,
      tenant_id: context.identity.tenantId,
      session_id: context.identity.sessionId,
      principal: context.identity.principal,
      tool: context.tool.slice(0, 300),
      server: context.server?.name ?? null,
      stage,
      decision: denial ? 'deny' : 'allow',
      code: denial?.code ?? null,
      reason: denial?.reason.slice(0, 500) ?? null,
      policy_version: policyVersion,
      created_at: new Date(),
    });
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
}

