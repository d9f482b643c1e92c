import type { DataSource } from 'typeorm';

/**
 * One multi-row INSERT for a batch of append-only rows (ids make retries idempotent). `casts`
 * adds a type cast to a column's placeholder, e.g. `{ data: 'jsonb' }`.
 */
export async function insertRows<Row extends Record<string, unknown>>(
  dataSource: DataSource,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: Row[],
  casts: Partial<Record<keyof Row & string, string>> = {},
): Promise<void> {
  const values: unknown[] = [];
  const tuples = rows.map((row, i) => {
    for (const column of columns) values.push(row[column]);
    return `(${columns.map((c, j) => `$${i * columns.length + j + 1}${casts[c] ? `::${casts[c]}` : ''}`).join(',')})`;
  });
  await dataSource.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')} ON CONFLICT (id) DO NOTHING`, values);
}
