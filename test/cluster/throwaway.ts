/**
 * Throwaway Redis and PostgreSQL servers for the fault tests, which stop and restart them. The
 * machine's shared servers are never touched: each of these listens on a free loopback port
 * with its data in a temp dir, and is stopped by the pid this process started.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from './client';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface ThrowawayServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

/** redis-server on a free port, no persistence; `start()` after `stop()` brings it back empty on the same port. */
export async function startThrowawayRedis(): Promise<ThrowawayServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-cluster-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const server: ThrowawayServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
      await waitUntil(() => redisAnswers(port), 10_000, `redis-server on ${port}`);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
    async destroy() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A PostgreSQL 15 cluster of its own (initdb in a temp dir, run as the `postgres` user when we
 * are root), trust auth on 127.0.0.1; `url` points at its `postgres` database.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-cluster-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const sockets = join(dir, 'sock');
  mkdirSync(data);
  mkdirSync(sockets);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = postgresUser();
    for (const p of [dir, data, sockets]) chownSync(p, uid, gid);
  }
  const run = (bin: string, args: string[]) => {
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
    execFileSync(command, argv, { stdio: 'ignore', timeout: 60_000 });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const server: ThrowawayServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      run('pg_ctl', ['-D', data, '-l', join(dir, 'log.txt'), '-w', '-o', options, 'start']);
    },
    async stop() {
      // Fast shutdown: open connections are terminated, as when the database host goes away.
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // already stopped
      }
    },
    async destroy() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
