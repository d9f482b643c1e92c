/** The vocabulary of the analytics reports: which dimensions exist and where each applies. */

export const GROUP_BY_VALUES = ['model', 'provider', 'user', 'tenant', 'agent', 'tool', 'day', 'hour'] as const;
export type GroupBy = (typeof GROUP_BY_VALUES)[number];

export const REPORTS = ['overview', 'requests', 'costs', 'agents', 'sessions', 'tools'] as const;
export type AnalyticsReport = (typeof REPORTS)[number];

const ON_REQUESTS = ['model', 'provider', 'user', 'tenant', 'agent', 'day', 'hour'] as const;

/** What each report may be grouped by; anything else is a 400 naming the allowed values. */
export const REPORT_GROUP_BY = {
  overview: [],
  requests: ON_REQUESTS,
  costs: ON_REQUESTS,
  agents: ON_REQUESTS,
  sessions: ['user', 'tenant', 'agent', 'day', 'hour'],
  tools: ['tool', 'user', 'tenant', 'day', 'hour'],
} as const satisfies Record<AnalyticsReport, readonly GroupBy[]>;

/** Without `group_by`: the default dimension, or null (overview: totals; sessions: one row per session). */
export const DEFAULT_GROUP_BY = {
  overview: null,
  requests: 'day',
  costs: 'model',
  agents: 'agent',
  sessions: null,
  tools: 'tool',
} as const satisfies Record<AnalyticsReport, GroupBy | null>;

/** `[from, to)`: from inclusive, to exclusive. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** Whose rows: everyone's (auditor, admin) or one user's. */
export type AnalyticsScope = { all: true } | { all: false; userId: string | null };

export interface PageRequest {
  offset: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** SQL for one dimension, on a table aliased `alias` (every analytics table has these columns). */
export function groupKeySql(groupBy: GroupBy, alias: string): string {
  switch (groupBy) {
    case 'model':
      // ai_requests has (model, created_at): grouped by the bare column, the planner walks that
      // index in model order, one random heap read per row (the heap is in time order), about
      // twice as slow as a sequential scan and a sort at 1M rows. model is NOT NULL, so the
      // coalesce changes no group; it only keeps the planner off that path.
      return `coalesce(${alias}.model, '')`;
    case 'provider':
    case 'agent':
    case 'tool':
      return `${alias}.${groupBy}`;
    case 'user':
      return `${alias}.user_id::text`;
    case 'tenant':
      return `${alias}.tenant_id::text`;
    case 'day':
      return `to_char(date_trunc('day', ${alias}.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
    case 'hour':
      return `to_char(date_trunc('hour', ${alias}.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24":00Z"')`;
  }
}

export function isTimeBucket(groupBy: GroupBy): boolean {
  return groupBy === 'day' || groupBy === 'hour';
}
