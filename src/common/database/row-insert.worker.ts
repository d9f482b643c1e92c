import { parentPort, workerData } from 'node:worker_threads';
import { Pool, type PoolConfig } from 'pg';
import type { PgConnectionOptions } from '../../bootstrap/app-context/embedded-database';
import { copyRows } from './copy-rows';
import type { SqlExecutor } from './multi-row-insert';
import { expandForInsert } from './row-group';
import type { RowInsertMessage, RowInsertReply, RowInsertWorkerData } from './row-insert.protocol';

/**
 * The insert thread (`RowInsertThread`): batches arrive as structured clones, and the
 * expansion of their row groups, their COPY text (`copyRows`), the driver's serialisation and
 * the socket writes happen on this thread's heap and time, not the request thread's.
 */
if (parentPort) {
  const port = parentPort;
  const { connection, connections } = workerData as RowInsertWorkerData;
  const pool = new Pool({ ...poolConfig(connection), max: connections, connectionTimeoutMillis: 5000 });
  // An idle connection that breaks is dropped by the pool; the next batch opens another.
  pool.on('error', () => undefined);
  const executor: SqlExecutor = { query: (sql, parameters) => pool.query(sql, parameters).then((result) => result.rows) };
  port.on('message', (message: RowInsertMessage) => {
    if ('close' in message) {
      void pool.end().finally(() => process.exit(0));
      return;
    }
    const reply = (error?: RowInsertReply['error']): void => port.postMessage({ id: message.id, ...(error ? { error } : {}) } satisfies RowInsertReply);
    Promise.resolve()
      .then(() => copyRows(pool, executor, message.table, message.columns, 'groups' in message ? expandForInsert(message.groups) : message.rows))
      .then(
        () => reply(),
        (err: Error & { code?: unknown }) => reply({ message: err.message, code: typeof err.code === 'string' ? err.code : undefined }),
      );
  });
}

/** The same settings TypeORM's postgres driver gives `pg` for these options. */
function poolConfig(connection: PgConnectionOptions): PoolConfig {
  if (connection.url) return { connectionString: connection.url };
  return { host: connection.host, port: connection.port, user: connection.username, database: connection.database };
}
