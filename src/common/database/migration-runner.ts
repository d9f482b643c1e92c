import type { DataSource, Migration, QueryRunner } from 'typeorm';

/** One advisory-lock key for "schema changes": replicas starting together migrate once. */
export const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that two replicas
 * starting at once on an empty database never run the same migration twice.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  return withAdvisoryLock(dataSource, MIGRATION_LOCK_KEY, () => dataSource.runMigrations({ transaction: 'each' }));
}

const localLocks = new Map<number, Promise<unknown>>();

/**
 * Mutual exclusion across replicas (PostgreSQL advisory lock) and within this process. The
 * embedded database is one session with one pooled connection and a lock file keeping other
 * processes out, so there the in-process lock is the whole story (holding a second connection
 * for the advisory lock would deadlock the pool of one).
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const previous = localLocks.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => (isEmbedded(dataSource) ? work() : withPgAdvisoryLock(dataSource, key, work)));
  localLocks.set(key, current);
  try {
    return await current;
  } finally {
    if (localLocks.get(key) === current) localLocks.delete(key);
  }
}

export function isEmbedded(dataSource: DataSource): boolean {
  return (dataSource.options as { extra?: { spEmbedded?: boolean } }).extra?.spEmbedded === true;
}

/** How often a replica waiting for the lock tries again. */
const LOCK_RETRY_MS = 100;

/**
 * Polls `pg_try_advisory_lock` instead of blocking in `pg_advisory_lock`: a session blocked
 * in that call is an open transaction with a snapshot, and `CREATE INDEX CONCURRENTLY` run by
 * the lock holder waits for every such transaction to end, so two replicas starting together
 * would wait on each other forever (PostgreSQL does not see that cycle as a deadlock).
 */
async function acquirePgAdvisoryLock(runner: QueryRunner, key: number): Promise<void> {
  for (;;) {
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as { locked: boolean }[];
    if (locked) return;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}

async function withPgAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await acquirePgAdvisoryLock(runner, key);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
