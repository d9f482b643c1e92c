import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { type AnalyticsScope, type GroupBy, groupKeySql, isTimeBucket, type Page, type PageRequest, type TimeRange } from './analytics-query.types';

/** Named SQL aggregates: output column → expression. */
export type Measures<M extends string> = Record<M, string>;
export type MeasureRow<M extends string> = Record<M, number | null>;

export interface GroupedQuery<M extends string> {
  table: string;
  alias: string;
  measures: Measures<M>;
  groupBy: GroupBy;
  range: TimeRange;
  scope: AnalyticsScope;
  page: PageRequest;
  /** Measure to rank non-time groups by (descending); time buckets are always in time order. */
  rankBy: NoInfer<M>;
  where?: string;
}

/** `[from, to)` on created_at, and the caller's own rows unless their scope is everyone's. */
export function applyWindow<T extends object>(qb: SelectQueryBuilder<T>, alias: string, range: TimeRange, scope: AnalyticsScope): SelectQueryBuilder<T> {
  qb.where(`${alias}.created_at >= :from AND ${alias}.created_at < :to`, { from: range.from, to: range.to });
  if (!scope.all) {
    if (scope.userId === null) qb.andWhere('1 = 0');
    else qb.andWhere(`${alias}.user_id = :scopeUserId`, { scopeUserId: scope.userId });
  }
  return qb;
}

/** One row of aggregates over the window (no grouping). */
export async function aggregate<M extends string>(dataSource: DataSource, table: string, alias: string, measures: Measures<M>, range: TimeRange, scope: AnalyticsScope): Promise<MeasureRow<M>> {
  const qb = dataSource.createQueryBuilder().from(table, alias);
  selectMeasures(qb, measures, true);
  applyWindow(qb, alias, range, scope);
  const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
  return toMeasures(row, measures);
}

/** One page of groups with their aggregates, and the number of groups. */
export async function groupedPage<M extends string>(dataSource: DataSource, q: GroupedQuery<M>): Promise<Page<{ key: string | null } & MeasureRow<M>>> {
  const run = async (offset: number, limit: number) => {
    const key = groupKeySql(q.groupBy, q.alias);
    const qb = dataSource.createQueryBuilder().from(q.table, q.alias).select(key, 'key');
    selectMeasures(qb, q.measures, false);
    qb.addSelect('count(*) OVER ()', 'total_groups');
    applyWindow(qb, q.alias, q.range, q.scope);
    if (q.where) qb.andWhere(q.where);
    qb.groupBy(key);
    if (isTimeBucket(q.groupBy)) qb.orderBy('key', 'ASC');
    else qb.orderBy(`"${q.rankBy}"`, 'DESC', 'NULLS LAST').addOrderBy('key', 'ASC', 'NULLS LAST');
    return qb.offset(offset).limit(limit).getRawMany<Record<string, unknown>>();
  };
  const { rows, total } = await pageWithTotal(run, q.page);
  return { items: rows.map((row) => ({ key: row.key === null ? null : String(row.key), ...toMeasures(row, q.measures) })), total };
}

/**
 * Runs a grouped query that selects `count(*) OVER () AS total_groups` (the number of groups
 * before LIMIT), so one query gives a page and the total; a page past the end, which has no row
 * to carry the count, asks again from offset 0.
 */
export async function pageWithTotal(run: (offset: number, limit: number) => Promise<Record<string, unknown>[]>, page: PageRequest): Promise<{ rows: Record<string, unknown>[]; total: number }> {
  const rows = await run(page.offset, page.limit);
  if (rows.length > 0) return { rows, total: Number(rows[0]!.total_groups) };
  if (page.offset === 0) return { rows, total: 0 };
  return { rows, total: Number((await run(0, 1))[0]?.total_groups ?? 0) };
}

export function selectMeasures<T extends object>(qb: SelectQueryBuilder<T>, measures: Measures<string>, first: boolean): void {
  Object.entries(measures).forEach(([name, sql], i) => (first && i === 0 ? qb.select(sql, name) : qb.addSelect(sql, name)));
}

/** bigint and numeric arrive as strings; percentiles may be null (no successful rows). */
export function toMeasures<M extends string>(row: Record<string, unknown>, measures: Measures<M>): MeasureRow<M> {
  const out = {} as MeasureRow<M>;
  for (const name of Object.keys(measures) as M[]) {
    const value = row[name];
    out[name] = value === null || value === undefined ? null : Number(value);
  }
  return out;
}
