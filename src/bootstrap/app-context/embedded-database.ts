import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapError } from '../bootstrap.error';

/** Connection settings for the plain `pg` driver. */
export interface PgConnectionOptions {
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  database?: string;
}

export interface EmbeddedDatabaseHandle {
  connection: PgConnectionOptions;
  stop(): Promise<void>;
}

/** Port number in the socket file name; pg derives the file name from host + port. */
const SOCKET_PORT = 5432;

/**
 * Starts PGlite in this process and serves it over the PostgreSQL wire protocol on a private
 * Unix socket (a 0700 folder), so TypeORM uses the ordinary `pg` driver with real connection
 * pooling and transaction isolation. A lock file keeps a second process off the same data.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections: number): Promise<EmbeddedDatabaseHandle> {
  const lockFile = dataDir === 'memory://' ? null : acquireLock(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
    const socketDir = mkdtempSync(join(tmpdir(), 'sp-pg-'));
    const server = new PGLiteSocketServer({
      db,
      path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
      maxConnections,
    });
    await server.start();
    return {
      connection: { host: socketDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' },
      async stop() {
        await server.stop();
        await db.close();
        rmSync(socketDir, { recursive: true, force: true });
        if (lockFile) rmSync(lockFile, { force: true });
      },
    };
  } catch (err) {
    if (lockFile) rmSync(lockFile, { force: true });
    if (err instanceof BootstrapError) throw err;
    throw new BootstrapError('app-context', dataDir, 'database_url', `embedded database failed to open: ${(err as Error).message}`);
  }
}

function acquireLock(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = `${dataDir}.lock`;
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new BootstrapError(
        'app-context',
        dataDir,
        'database_url',
        `the embedded database is held by a running server (pid ${pid}); stop it first, or point DATABASE_URL at PostgreSQL`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
  return lockFile;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
