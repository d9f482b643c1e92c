import { DataSource } from 'typeorm';
import { CORE_MIGRATIONS } from '../../../migrations';
import { createAppContext } from '../../../src/bootstrap/app-context/app-context.loader';
import type { AppContext } from '../../../src/bootstrap/app-context/app-context';
import type { AppConfig } from '../../../src/bootstrap/config/app-config';
import { dataSourceOptions } from '../../../src/common/database/database.module';
import { runMigrationsLocked } from '../../../src/common/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../../utils/test-database';

/** Opens the test database through the AppContext stage exactly as the app does (PGlite or PostgreSQL). */
export async function openTestDataSource(db: TestDatabase): Promise<{ dataSource: DataSource; context: AppContext }> {
  const database = db.url.startsWith('pglite://') ? { kind: 'embedded' as const, dataDir: 'memory://' } : { kind: 'postgres' as const, url: db.url };
  const context = await createAppContext({ database, redisUrl: null, secretsSource: 'test' } as unknown as AppConfig, []);
  const dataSource = await new DataSource(dataSourceOptions(context, [])).initialize();
  return { dataSource, context };
}

function loadRunnerAsAnotherReplica(): typeof runMigrationsLocked {
  let runner!: typeof runMigrationsLocked;
  jest.isolateModules(() => {
    runner = (require('../../../src/common/database/migration-runner') as { runMigrationsLocked: typeof runMigrationsLocked }).runMigrationsLocked;
  });
  return runner;
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rows.map((r) => r.table_name).filter((t) => t !== 'schema_migrations');
}

describe('migrations (integration)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let context: AppContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ dataSource, context } = await openTestDataSource(db));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await context.close();
    await db.drop();
  });

  it('run up on an empty database, down completely, and up again', async () => {
    expect(await tables(dataSource)).toEqual([]);
    const applied = await runMigrationsLocked(dataSource);
    expect(applied.map((m) => m.name)).toEqual(CORE_MIGRATIONS.map((m) => m.name));
    const created = await tables(dataSource);
    expect(created).toEqual(expect.arrayContaining(['users', 'tenants', 'personal_access_tokens', 'sessions', 'system_settings']));

    for (let i = 0; i < CORE_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables(dataSource)).toEqual([]);

    expect((await runMigrationsLocked(dataSource)).length).toBe(CORE_MIGRATIONS.length);
    expect(await tables(dataSource)).toEqual(created);
    expect(await runMigrationsLocked(dataSource)).toEqual([]);
  });

  it('concurrent migration runs (two replicas starting at once) apply each migration once', async () => {
    // On the embedded database a second process is kept out by its lock file; within one
    // process the runs are serialised by the in-process lock.
    const embedded = db.url.startsWith('pglite://');
    const second = embedded ? dataSource : await new DataSource(dataSourceOptions(context, [])).initialize();
    await runConcurrently(second, embedded);
  });

  async function runConcurrently(second: DataSource, embedded: boolean): Promise<void> {
    try {
      for (let i = 0; i < CORE_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      // A second copy of the runner module has its own in-process lock, like another replica:
      // on PostgreSQL only the advisory lock keeps them apart (and the CONCURRENTLY index
      // build must not wait forever for the replica queued behind it).
      const otherReplica = embedded ? runMigrationsLocked : loadRunnerAsAnotherReplica();
      const [a, b] = await Promise.all([runMigrationsLocked(dataSource), otherReplica(second)]);
      expect(a.length + b.length).toBe(CORE_MIGRATIONS.length);
      const rows: { n: string }[] = await dataSource.query('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows[0]!.n)).toBe(CORE_MIGRATIONS.length);
    } finally {
      if (!embedded) await second.destroy();
    }
  }

  it('isolates concurrent transactions: a rolled-back insert is never committed', async () => {
    const key = (i: number | string) => `iso-${i}`;
    const failing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO system_settings (key, value) VALUES ($1, '{}')`, [key('rolled-back')]);
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('roll back');
    });
    const concurrent = Array.from({ length: 20 }, (_, i) => dataSource.query(`INSERT INTO system_settings (key, value) VALUES ($1, '{}')`, [key(i)]));
    await expect(failing).rejects.toThrow('roll back');
    await Promise.all(concurrent);
    const rows: { key: string }[] = await dataSource.query(`SELECT key FROM system_settings WHERE key LIKE 'iso-%'`);
    expect(rows.map((r) => r.key)).not.toContain(key('rolled-back'));
    expect(rows).toHaveLength(20);
  });
});
