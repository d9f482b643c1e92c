import { DatabaseError, type Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from './copy-text';
import { insertRows, type SqlExecutor } from './multi-row-insert';

/**
 * Appends rows with `COPY … FROM STDIN`, which costs PostgreSQL about a third less CPU a row
 * than `INSERT … SELECT FROM unnest(…)` (no array literals to parse, no executor node per row;
 * docs/benchmarks.md, eighth session): the database shares the machine's cores with the
 * gateway, so its CPU a governed request is latency for the gateway.
 *
 * COPY has no `ON CONFLICT`: a retried batch whose first attempt was committed (its answer
 * lost with the connection) meets its own rows' primary keys. An integrity refusal (SQLSTATE
 * class 23) therefore sends the batch through `insertRows`, which skips the rows already
 * stored and refuses any other violation with its own SQLSTATE. A data refusal (class 22) is
 * the same for both paths and is returned as it is.
 */
export async function copyRows<Row extends Record<string, unknown>>(pool: Pool, fallback: SqlExecutor, table: string, columns: readonly (keyof Row & string)[], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const data = copyText(rows, columns);
  try {
    await copyInto(pool, `COPY ${table} (${columns.join(',')}) FROM STDIN`, data);
  } catch (err) {
    if (!isIntegrityRefusal(err)) throw err;
    await insertRows(fallback, table, columns, rows);
  }
}

async function copyInto(pool: Pool, statement: string, data: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const stream = client.query(copyFrom(statement));
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.once('finish', resolve);
      stream.end(data);
    });
  } catch (err) {
    // A refusal by the server leaves the session ready for the next statement; anything else
    // (a dropped socket) may not, so that connection is closed rather than reused.
    if (!(err instanceof DatabaseError)) broken = err as Error;
    throw err;
  } finally {
    client.release(broken);
  }
}

function isIntegrityRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('23');
}
