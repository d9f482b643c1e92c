import type { Identity } from '../../../common/auth/identity';
import { expandRowGroups, type RowGroup } from '../../../common/database/row-group';
import type { RowInserter } from '../../../common/database/row-inserter';
import type { GovernanceContext } from '../governance.types';
import { DecisionRecorder } from './decision-recorder';

/** An inserter that keeps what it is given: the groups, and the rows they expand to. */
function keepingInserter() {
  const groups: RowGroup[] = [];
  const inserter: RowInserter = {
    insert: async () => undefined,
    insertGroups: async (_table, _columns, batch) => void groups.push(...batch),
    close: async () => undefined,
  };
  return { inserter, groups, rows: () => expandRowGroups(groups) };
}

const identity: Identity = { principal: 'user', userId: '00000000-0000-4000-8000-000000000001', tenantId: '00000000-0000-4000-8000-000000000000', role: 'developer', scopes: null, sessionId: 'sess-1', clientId: null, credentialId: null, credential: 'pat' };
const context = (traceId: string): GovernanceContext => ({ identity, traceId, tool: 'Bash', server: null, input: {} });
const STAGES = ['scope', 'secret_scan', 'blocklist', 'rate_limit'];

describe('DecisionRecorder', () => {
  it('an allowed evaluation is one group of four rows, one per stage in order, with distinct ids', async () => {
    const { inserter, groups, rows } = keepingInserter();
    const recorder = new DecisionRecorder(inserter);
    recorder.recordEvaluation(context('t-allow'), STAGES, 4, null, 'pv1');
    await recorder.flush(Date.now() + 5000);
    expect(groups).toHaveLength(1);
    const written = rows();
    expect(written.map((r) => [r.stage, r.decision, r.code, r.reason])).toEqual(STAGES.map((s) => [s, 'allow', null, null]));
    expect(new Set(written.map((r) => r.id)).size).toBe(4);
    expect(written.every((r) => r.trace_id === 't-allow' && r.user_id === identity.userId && r.session_id === 'sess-1' && r.policy_version === 'pv1' && r.tool === 'Bash')).toBe(true);
    expect(recorder.stats).toMatchObject({ queued: 0, written: 4 });
  });

  it('a denial ends the group: the stages before it allowed, then the denying stage with its code and reason', async () => {
    const { inserter, rows } = keepingInserter();
    const recorder = new DecisionRecorder(inserter);
    recorder.recordEvaluation(context('t-deny'), STAGES, 2, { stage: 'blocklist', code: 'BLOCKLISTED', reason: 'r'.repeat(600), status: 403 }, 'pv1');
    recorder.recordEvaluation(context('t-first'), STAGES, 0, { stage: 'scope', code: 'TOOL_NOT_ALLOWED', reason: 'no', status: 403 }, 'pv1');
    await recorder.flush(Date.now() + 5000);
    const written = rows();
    expect(written.map((r) => [r.trace_id, r.stage, r.decision, r.code])).toEqual([
      ['t-deny', 'scope', 'allow', null],
      ['t-deny', 'secret_scan', 'allow', null],
      ['t-deny', 'blocklist', 'deny', 'BLOCKLISTED'],
      ['t-first', 'scope', 'deny', 'TOOL_NOT_ALLOWED'],
    ]);
    // Reasons are capped as before the grouping.
    expect(String(written[2]!.reason)).toHaveLength(500);
    expect(recorder.stats).toMatchObject({ written: 4 });
  });

  it('one stage at a time (the HTTP guards) is a group of one', async () => {
    const { inserter, groups, rows } = keepingInserter();
    const recorder = new DecisionRecorder(inserter);
    recorder.record(context('t-guard'), 'scope', null, 'pv1');
    recorder.record(context('t-guard'), 'secret_scan', { stage: 'secret_scan', code: 'SECRET_DETECTED', reason: 'aws key', status: 403 }, 'pv1');
    await recorder.flush(Date.now() + 5000);
    expect(groups.map((g) => g.members.length)).toEqual([1, 1]);
    expect(rows().map((r) => [r.stage, r.decision, r.code])).toEqual([
      ['scope', 'allow', null],
      ['secret_scan', 'deny', 'SECRET_DETECTED'],
    ]);
  });
});
