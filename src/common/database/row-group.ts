/**
 * Rows that share most of their columns, queued and sent to the insert thread as one entry and
 * expanded into rows there: one governed call's four stage verdicts, or its first three audit
 * points. Seven 14-column rows a call, each alive until its batch's INSERT was answered, were
 * copied by every young-generation GC: at 3,308 req/s the scavenges took 568 ms in 15 s, and
 * 220 ms with groups (p99 42–67 → 12–16 ms; docs/benchmarks.md, sixth session). A member that
 * never varies (an allowed stage's verdict) is a shared constant.
 */
export interface RowGroup {
  /** Member i's `id` is `memberId(id, i)`: made once, so a retried batch inserts the same ids. */
  readonly id: string;
  /** The columns every member has. */
  readonly shared: Readonly<Record<string, unknown>>;
  /** Each member's own columns; at most MAX_GROUP_MEMBERS. */
  readonly members: readonly Readonly<Record<string, unknown>>[];
}

export const MAX_GROUP_MEMBERS = 256;

/**
 * A UUID with its last two hex digits replaced by the member's index: ids of one group stay
 * distinct, sort in member order, and keep the time-ordered prefix (`timeOrderedId`) and 66
 * random bits.
 */
export function memberId(groupId: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_GROUP_MEMBERS) throw new RangeError(`a row group has at most ${MAX_GROUP_MEMBERS} members`);
  return groupId.slice(0, -2) + (index < 16 ? '0' : '') + index.toString(16);
}

/** The groups' rows, in order: `id`, then the shared columns, then the member's own. */
export function expandRowGroups(groups: readonly RowGroup[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.members.length; i++) rows.push({ id: memberId(group.id, i), ...group.shared, ...group.members[i] });
  }
  return rows;
}

/**
 * `expandRowGroups` for a write: a group that cannot be expanded is refused as a data exception
 * (SQLSTATE 22000), so the batch writer drops that group alone instead of retrying it forever.
 */
export function expandForInsert(groups: readonly RowGroup[]): Record<string, unknown>[] {
  try {
    return expandRowGroups(groups);
  } catch (err) {
    throw Object.assign(new Error(`a row group cannot be expanded: ${(err as Error).message}`), { code: '22000' });
  }
}

/** How many rows a group stands for (the batch writer counts rows, not entries). */
export function rowsInGroup(group: RowGroup): number {
  return group.members.length;
}
