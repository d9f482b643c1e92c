import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BatchWriter } from '../../../common/database/batch-writer';
import { type RowGroup, rowsInGroup } from '../../../common/database/row-group';
import { ROW_INSERTER, type RowInserter } from '../../../common/database/row-inserter';
import { timeOrderedId } from '../../../common/database/time-ordered-id';
import { GOVERNANCE_GROUP_BATCHES } from '../governance-row-batches';
import type { GovernanceContext, GovernanceDenial, StageName } from '../governance.types';

/** The columns of a `governance_decisions` row that differ between one call's stages. */
type Verdict = {
  stage: string;
  decision: 'allow' | 'deny';
  code: string | null;
  reason: string | null;
};

const COLUMNS = ['id', 'trace_id', 'user_id', 'tenant_id', 'session_id', 'principal', 'tool', 'server', 'stage', 'decision', 'code', 'reason', 'policy_version', 'created_at'] as const;

/**
 * Every stage's verdict becomes a `governance_decisions` row, written in batches off the hot
 * path. One evaluation's verdicts are queued as one row group, expanded where the rows are
 * written; an allowed stage's verdict is the same constant object every time.
 */
@Injectable()
export class DecisionRecorder implements OnModuleDestroy {
  private readonly writer: BatchWriter<RowGroup>;
  private readonly allowed = new Map<StageName, Readonly<Verdict>>();

  constructor(@Inject(ROW_INSERTER) inserter: RowInserter) {
    this.writer = new BatchWriter<RowGroup>('governance_decisions', (groups) => inserter.insertGroups('governance_decisions', COLUMNS, groups), GOVERNANCE_GROUP_BATCHES, rowsInGroup);
  }

  /** One stage's verdict (the HTTP guards and gateway prompts run stages one by one). */
  record(context: GovernanceContext, stage: StageName, denial: GovernanceDenial | null, policyVersion: string): void {
    this.writer.enqueue(this.group(context, policyVersion, [denial ? denied(stage, denial) : this.allow(stage)]));
  }

  /**
   * A whole evaluation: the first `allowedCount` of `stages` allowed, in order, then, if one
   * denied, the next one's denial (a denial ends the evaluation).
   */
  recordEvaluation(context: GovernanceContext, stages: readonly StageName[], allowedCount: number, denial: GovernanceDenial | null, policyVersion: string): void {
    const verdicts: Readonly<Verdict>[] = [];
    for (let i = 0; i < allowedCount; i++) verdicts.push(this.allow(stages[i]));
    if (denial) verdicts.push(denied(stages[allowedCount], denial));
    if (verdicts.length > 0) this.writer.enqueue(this.group(context, policyVersion, verdicts));
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

  private group(context: GovernanceContext, policyVersion: string, members: readonly Readonly<Verdict>[]): RowGroup {
    return {
      id: timeOrderedId(),
      shared: {
        trace_id: context.traceId,
        user_id: context.identity.userId,
        tenant_id: context.identity.tenantId,
        session_id: context.identity.sessionId,
        principal: context.identity.principal,
        tool: context.tool.slice(0, 300),
        server: context.server?.name ?? null,
        policy_version: policyVersion,
        created_at: new Date(),
      },
      members,
    };
  }

  private allow(stage: StageName): Readonly<Verdict> {
    let verdict = this.allowed.get(stage);
    if (!verdict) this.allowed.set(stage, (verdict = Object.freeze({ stage, decision: 'allow', code: null, reason: null })));
    return verdict;
  }
}

function denied(stage: StageName, denial: GovernanceDenial): Verdict {
  return { stage, decision: 'deny', code: denial.code, reason: denial.reason.slice(0, 500) };
}
