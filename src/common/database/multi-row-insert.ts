/** What runs the statements: a TypeORM `DataSource`, or a `pg` pool's rows (the insert thread). */
export interface SqlExecutor {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

/** Per executor and table: each column's type without its modifier (`character varying`). */
const columnTypes = new WeakMap<SqlExecutor, Map<string, Promise<Map<string, string>>>>();

function typesOf(executor: SqlExecutor, table: string): Promise<Map<string, string>> {
  let tables = columnTypes.get(executor);
  if (!tables) columnTypes.set(executor, (tables = new Map()));
  let types = tables.get(table);
  if (!types) {
    types = executor
      .query(`SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`, [table])
      .then((rows) => new Map((rows as { name: string; type: string }[]).map((r) => [r.name, r.type])));
    tables.set(table, types);
    types.catch(() => tables.delete(table)); // a failed look-up is retried with the next batch
  }
  return types;
}

/**
 * One INSERT for a batch of append-only rows (ids make retries idempotent), as one array per
 * column through `unnest`: the statement is the same short text for every batch size. A
 * `VALUES` list of 1,000 tuples × 14 parameters cost PostgreSQL more to parse and plan than to
 * insert, on a machine it shares with the gateway. Types come from the catalog without their
 * modifiers, so a too-long value is still refused by the column, never truncated by the cast.
 */
export async function insertRows<Row extends Record<string, unknown>>(executor: SqlExecutor, table: string, columns: readonly (keyof Row & string)[], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const types = await typesOf(executor, table);
  const arrays = columns.map((column) => arrayLiteral(rows, column));
  const casts = columns.map((column, i) => {
    const type = types.get(column);
    if (!type) throw new Error(`insertRows: ${table} has no column ${column}`);
    return `$${i + 1}::${type}[]`;
  });
  await executor.query(`INSERT INTO ${table} (${columns.join(',')}) SELECT * FROM unnest(${casts.join(',')}) ON CONFLICT (id) DO NOTHING`, arrays);
}

/** A backslash escape other than `\"` or `\\`: JSON and array-literal escaping differ there. */
const JSON_ONLY_ESCAPE = /\\[^"\\]/;
const NEEDS_ESCAPE = /["\\]/g;

/**
 * A column's values as a PostgreSQL array literal (`{"a","b",null}`). JSON escapes `"` and `\`
 * exactly as an array literal does, and `null` is an unquoted NULL element, so the JSON text
 * of the column's values is the literal once its brackets become braces: one flat string
 * built natively, where appending element by element left thousands of rope nodes alive
 * until the batch was sent (copied by every young-generation GC in between). Values JSON
 * would escape differently (control characters, lone surrogates; and, to keep the check one
 * search, any backslash) take the general path.
 */
export function arrayLiteral<Row extends Record<string, unknown>>(rows: readonly Row[], column: keyof Row): string {
  const values = new Array<string | number | boolean | null>(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = elementText(rows[i][column]);
  const json = JSON.stringify(values);
  if (!JSON_ONLY_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(NEEDS_ESCAPE, '\\$&')}"`)).join(',')}}`;
}

/** Dates as ISO 8601 text, objects by their string form, as the driver's own encoder does. */
export function elementText(value: unknown): string | number | boolean | null {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return String(value);
}
