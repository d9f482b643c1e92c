import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { aggregate, applyWindow, groupedPage, type MeasureRow, pageWithTotal, toMeasures } from './analytics-sql';
import type { AnalyticsScope, GroupBy, Page, PageRequest, TimeRange } from './analytics-query.types';

const TABLE = 'ai_requests';
/** The recorder's own rule: a request succeeded when its status < 400 and it has no error type. */
const SUCCEEDED = '(r.status < 400 AND r.error_type IS NULL)';

const COUNTS = { requests: 'count(*)', failed: `count(*) FILTER (WHERE NOT ${SUCCEEDED})` };
const USAGE = {
  input_tokens: 'coalesce(sum(r.input_tokens), 0)',
  output_tokens: 'coalesce(sum(r.output_tokens), 0)',
  cache_read_tokens: 'coalesce(sum(r.cache_read_tokens), 0)',
  cache_write_tokens: 'coalesce(sum(r.cache_write_tokens), 0)',
  cost_microdollars: 'coalesce(sum(r.cost_microdollars), 0)',
};
/** Latency percentiles over successful requests (a fast 4xx would flatter them). */
const LATENCY = {
  latency_p50_ms: `percentile_cont(0.5) WITHIN GROUP (ORDER BY r.latency_ms) FILTER (WHERE ${SUCCEEDED})`,
  latency_p95_ms: `percentile_cont(0.95) WITHIN GROUP (ORDER BY r.latency_ms) FILTER (WHERE ${SUCCEEDED})`,
};
const PEOPLE = { users: 'count(DISTINCT r.user_id)', sessions: 'count(DISTINCT r.session_id)' };
const PEOPLE_TOTALS = { users: 'u.n', sessions: 's.n' };

export const REQUEST_MEASURES = { ...COUNTS, ...USAGE, ...LATENCY };
export const COST_MEASURES = { requests: COUNTS.requests, ...USAGE };
export const AGENT_MEASURES = { ...COUNTS, ...USAGE, ...LATENCY, ...PEOPLE };
export const SESSION_GROUP_MEASURES = { sessions: 'count(DISTINCT r.session_id)', requests: 'count(*)', ...USAGE };
const TOTAL_MEASURES = { ...COUNTS, ...USAGE, ...LATENCY };

export type RequestMeasures = MeasureRow<keyof typeof REQUEST_MEASURES>;
export type CostMeasures = MeasureRow<keyof typeof COST_MEASURES>;
export type AgentMeasures = MeasureRow<keyof typeof AGENT_MEASURES>;
export type SessionGroupMeasures = MeasureRow<keyof typeof SESSION_GROUP_MEASURES>;
export type OverviewMeasures = MeasureRow<keyof typeof TOTAL_MEASURES | keyof typeof PEOPLE>;

export interface SessionRow extends MeasureRow<keyof typeof USAGE | 'requests'> {
  session_id: string;
  user_id: string | null;
  first_at: string;
  last_at: string;
}

/** Aggregates over `ai_requests`, the gateway's request records. */
@Injectable()
export class RequestAnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async overview(range: TimeRange, scope: AnalyticsScope): Promise<OverviewMeasures> {
    const [totals, people] = await Promise.all([aggregate(this.dataSource, TABLE, 'r', TOTAL_MEASURES, range, scope), this.people(range, scope)]);
    return { ...totals, ...people };
  }

  /**
   * Distinct users and sessions over the window, each counted from a hash aggregate (GROUP BY)
   * rather than `count(DISTINCT …)`, which sorts every row.
   */
  private async people(range: TimeRange, scope: AnalyticsScope): Promise<MeasureRow<keyof typeof PEOPLE>> {
    const distinct = (column: string) => {
      const qb = this.dataSource.createQueryBuilder().from(TABLE, 'r').select(`r.${column}`);
      return applyWindow(qb, 'r', range, scope).andWhere(`r.${column} IS NOT NULL`).groupBy(`r.${column}`);
    };
    const users = distinct('user_id');
    const sessions = distinct('session_id');
    const row = await this.dataSource
      .createQueryBuilder()
      .select(PEOPLE_TOTALS.users, 'users')
      .addSelect(PEOPLE_TOTALS.sessions, 'sessions')
      .from(`(SELECT count(*) AS n FROM (${users.getQuery()}) x)`, 'u')
      .addFrom(`(SELECT count(*) AS n FROM (${sessions.getQuery()}) x)`, 's')
      .setParameters({ ...users.getParameters(), ...sessions.getParameters() })
      .getRawOne<Record<string, unknown>>();
    return toMeasures(row ?? {}, PEOPLE_TOTALS);
  }

  costTotals(range: TimeRange, scope: AnalyticsScope): Promise<CostMeasures> {
    return aggregate(this.dataSource, TABLE, 'r', COST_MEASURES, range, scope);
  }

  requests(groupBy: GroupBy, range: TimeRange, scope: AnalyticsScope, page: PageRequest) {
    return groupedPage(this.dataSource, { table: TABLE, alias: 'r', measures: REQUEST_MEASURES, groupBy, range, scope, page, rankBy: 'requests' });
  }

  costs(groupBy: GroupBy, range: TimeRange, scope: AnalyticsScope, page: PageRequest) {
    return groupedPage(this.dataSource, { table: TABLE, alias: 'r', measures: COST_MEASURES, groupBy, range, scope, page, rankBy: 'cost_microdollars' });
  }

  /** Requests made by agents (rows with an agent name). */
  agents(groupBy: GroupBy, range: TimeRange, scope: AnalyticsScope, page: PageRequest) {
    return groupedPage(this.dataSource, { table: TABLE, alias: 'r', measures: AGENT_MEASURES, groupBy, range, scope, page, rankBy: 'requests', where: 'r.agent IS NOT NULL' });
  }

  sessionGroups(groupBy: GroupBy, range: TimeRange, scope: AnalyticsScope, page: PageRequest) {
    return groupedPage(this.dataSource, { table: TABLE, alias: 'r', measures: SESSION_GROUP_MEASURES, groupBy, range, scope, page, rankBy: 'sessions', where: 'r.session_id IS NOT NULL' });
  }

  /** One row per session, most recently active first. */
  async sessions(range: TimeRange, scope: AnalyticsScope, page: PageRequest): Promise<Page<SessionRow>> {
    const measures = { requests: COUNTS.requests, ...USAGE };
    const run = (offset: number, limit: number) => {
      const qb = this.dataSource.createQueryBuilder().from(TABLE, 'r').select('r.session_id', 'session_id');
      qb.addSelect('min(r.user_id::text)', 'user_id').addSelect('min(r.created_at)', 'first_at').addSelect('max(r.created_at)', 'last_at');
      for (const [name, sql] of Object.entries(measures)) qb.addSelect(sql, name);
      qb.addSelect('count(*) OVER ()', 'total_groups');
      applyWindow(qb, 'r', range, scope).andWhere('r.session_id IS NOT NULL');
      return qb.groupBy('r.session_id').orderBy('last_at', 'DESC').addOrderBy('session_id', 'ASC').offset(offset).limit(limit).getRawMany<Record<string, unknown>>();
    };
    const { rows, total } = await pageWithTotal(run, page);
    return {
      total,
      items: rows.map((row) => ({
        session_id: String(row.session_id),
        user_id: row.user_id === null ? null : String(row.user_id),
        first_at: new Date(row.first_at as string | Date).toISOString(),
        last_at: new Date(row.last_at as string | Date).toISOString(),
        ...toMeasures(row, measures),
      })),
    };
  }
}
