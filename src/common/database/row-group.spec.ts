import { expandForInsert, expandRowGroups, MAX_GROUP_MEMBERS, memberId, type RowGroup } from './row-group';
import { timeOrderedId } from './time-ordered-id';

describe('row groups', () => {
  it('member ids are distinct, sort in member order and keep the group id but for its last two hex digits', () => {
    const groupId = timeOrderedId();
    const ids = Array.from({ length: MAX_GROUP_MEMBERS }, (_, i) => memberId(groupId, i));
    expect(new Set(ids).size).toBe(MAX_GROUP_MEMBERS);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) {
      expect(id).toHaveLength(36);
      expect(id.slice(0, -2)).toBe(groupId.slice(0, -2));
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(memberId(groupId, 0).slice(-2)).toBe('00');
    expect(memberId(groupId, 17).slice(-2)).toBe('11');
  });

  it('an index outside 0..255 has no id', () => {
    for (const bad of [-1, MAX_GROUP_MEMBERS, 1.5, Number.NaN]) expect(() => memberId(timeOrderedId(), bad)).toThrow(RangeError);
  });

  it('expands each group into its members, in order: id, the shared columns, then the member’s own', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const allow = Object.freeze({ stage: 'scope', decision: 'allow', code: null });
    const groups: RowGroup[] = [
      { id: '01a20dc3-ad7d-76e2-844e-05fa126fc0ff', shared: { trace_id: 't1', created_at: at }, members: [allow, { stage: 'blocklist', decision: 'deny', code: 'BLOCKLISTED' }] },
      { id: '01a20dc3-ad7d-76e2-844e-05fa126fd0ff', shared: { trace_id: 't2', created_at: at }, members: [allow] },
      { id: '01a20dc3-ad7d-76e2-844e-05fa126fe0ff', shared: { trace_id: 't3' }, members: [] },
    ];
    expect(expandRowGroups(groups)).toEqual([
      { id: '01a20dc3-ad7d-76e2-844e-05fa126fc000', trace_id: 't1', created_at: at, stage: 'scope', decision: 'allow', code: null },
      { id: '01a20dc3-ad7d-76e2-844e-05fa126fc001', trace_id: 't1', created_at: at, stage: 'blocklist', decision: 'deny', code: 'BLOCKLISTED' },
      { id: '01a20dc3-ad7d-76e2-844e-05fa126fd000', trace_id: 't2', created_at: at, stage: 'scope', decision: 'allow', code: null },
    ]);
    // The shared constant member is copied, never changed.
    expect(allow).toEqual({ stage: 'scope', decision: 'allow', code: null });
  });

  it('a group that cannot be expanded is refused as a data exception (SQLSTATE 22000), so it is dropped alone', () => {
    const oversized: RowGroup = { id: timeOrderedId(), shared: {}, members: Array.from({ length: MAX_GROUP_MEMBERS + 1 }, () => ({})) };
    expect(() => expandForInsert([oversized])).toThrow(expect.objectContaining({ code: '22000', message: expect.stringContaining('cannot be expanded') }));
  });
});
