/**
 * A small production-like deployment for the cluster tier: a fresh PostgreSQL database, the
 * built server (`node dist/src/main.js`) as several replicas sharing it and one Redis, and
 * nginx in front with the config rendered from docker/nginx.conf.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ensureBuilt, ROOT } from '../utils/built-dist';
import { freePort, query, waitUntil } from './client';

export const MACHINE_DATABASE_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
export const MACHINE_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;
export const NO_NGINX = NGINX ? '' : ' [SKIPPED: nginx is not installed (apt-get install -y nginx-light)]';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Replica {
  name: string;
  url: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  readonly alive: boolean;
  exited: Promise<Exit>;
  kill(signal: NodeJS.Signals): void;
}

export interface ClusterOptions {
  /** The mock LLM upstream every `claude-*` model goes to. */
  upstreamUrl: string;
  /** Profile sections merged over the base profile. */
  profile?: Record<string, unknown>;
  replicas?: string[];
  balancer?: boolean;
  /** The PostgreSQL server the fresh database is created on (default: the machine's). */
  databaseServerUrl?: string;
  redisUrl?: string;
}

export interface Cluster {
  databaseUrl: string;
  adminToken: string;
  replicas: Record<string, Replica>;
  /** nginx's URL, or null when nginx is missing or not asked for. */
  balancer: string | null;
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'sp-cluster-'));
  const server = options.databaseServerUrl ?? MACHINE_DATABASE_URL;
  const databaseName = `sp_cluster_${randomBytes(6).toString('hex')}`;
  await query(server, `CREATE DATABASE "${databaseName}"`);
  const databaseUrl = Object.assign(new URL(server), { pathname: `/${databaseName}` }).toString();
  const balancerPort = options.balancer !== false && NGINX ? await freePort() : null;
  const ports = new Map<string, number>();
  for (const name of options.replicas ?? ['a', 'b']) ports.set(name, await freePort());
  const issuer = `http://127.0.0.1:${balancerPort ?? [...ports.values()][0]}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl ?? MACHINE_REDIS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SYSTEMPROMPT_ADMIN_PAT: `sp-live-${randomBytes(6).toString('hex')}.${randomBytes(26).toString('hex')}`,
  };
  const replicas: Record<string, Replica> = {};
  const launch = async (name: string, port: number) => {
    const profile = join(dir, `profile-${name}.yaml`);
    writeFileSync(profile, stringify(merge(baseProfile(dir, name, port, options.upstreamUrl, issuer), options.profile ?? {})));
    replicas[name] = await startReplica(name, port, { ...env, SYSTEMPROMPT_PROFILE: profile });
  };
  let nginx: ChildProcess | null = null;
  const cluster: Cluster = {
    databaseUrl,
    adminToken: env.SYSTEMPROMPT_ADMIN_PAT,
    replicas,
    balancer: null,
    async close() {
      await Promise.all(Object.values(replicas).map((r) => stopReplica(r)));
      if (nginx) await stopChild(nginx, 'SIGTERM');
      await query(server, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // All at once on the empty database: migrations and the admin bootstrap must run once.
    await Promise.all([...ports].map(([name, port]) => launch(name, port)));
    if (balancerPort) {
      nginx = await startNginx(balancerPort, [...ports.values()].slice(0, 2));
      cluster.balancer = `http://127.0.0.1:${balancerPort}`;
    }
  } catch (err) {
    await cluster.close();
    throw err;
  }
  return cluster;
}

function baseProfile(dir: string, name: string, port: number, upstreamUrl: string, issuer: string): Record<string, unknown> {
  return {
    server: { host: '127.0.0.1', port, shutdown_timeout_ms: 20_000 },
    paths: { services: join(dir, 'services'), data: join(dir, `data-${name}`) },
    secrets: { source: 'env' },
    // The tests present revoked and replayed credentials on purpose, all from 127.0.0.1.
    security: { auth_failures_per_minute: 1_000_000 },
    oauth: { issuer },
    gateway: {
      routes: [{ model_pattern: 'claude-*', provider: 'anthropic', endpoint: `${upstreamUrl}/v1` }],
      pricing: [{ model_pattern: 'claude-*', input: 400, output: 0 }],
    },
    governance: { rate_limits: { tool_calls_per_minute: 1_000_000, gateway_requests_per_minute: 1_000_000 } },
    runtime: { log_level: 'warn' },
  };
}

/** Plain objects merge key by key; anything else (arrays included) replaces. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? merge(current, value) : value;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function startReplica(name: string, port: number, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 4_000_000) output = output.slice(-2_000_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const replica: Replica = {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    exited,
    kill: (signal) => child.kill(signal),
  };
  try {
    await waitUntil(async () => !replica.alive || (await fetch(`${replica.url}/health/ready`)).status === 200, 90_000, `replica ${name} ready`, 100);
    if (!replica.alive) throw new Error('it exited');
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`replica ${name} did not become ready (${(err as Error).message}):\n${output.slice(-4000)}`);
  }
  return replica;
}

async function stopReplica(replica: Replica): Promise<void> {
  if (!replica.alive) return;
  const timer = setTimeout(() => replica.kill('SIGKILL'), 25_000);
  replica.kill('SIGTERM');
  await replica.exited;
  clearTimeout(timer);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** docker/nginx.conf with exactly its three placeholders substituted; nginx's own `$variables` stay. */
function renderNginxConfig(upstreams: number[], listenPort: number): string {
  const template = readFileSync(join(ROOT, 'docker/nginx.conf'), 'utf8');
  return template
    .replaceAll('${UPSTREAM_A}', `127.0.0.1:${upstreams[0]}`)
    .replaceAll('${UPSTREAM_B}', `127.0.0.1:${upstreams[1] ?? upstreams[0]}`)
    .replaceAll('${LISTEN_PORT}', `127.0.0.1:${listenPort}`);
}

async function startNginx(port: number, upstreams: number[]): Promise<ChildProcess> {
  // Its own dir, readable by the unprivileged workers nginx switches to when started as root.
  const prefix = mkdtempSync(join(tmpdir(), 'sp-cluster-nginx-'));
  chmodSync(prefix, 0o755);
  const config = join(prefix, 'nginx.conf');
  writeFileSync(config, renderNginxConfig(upstreams, port));
  // The config logs to /dev/stdout and /dev/stderr, which nginx cannot open on the socket pairs
  // Node uses for piped stdio: give it a file (stderr) and /dev/null (the access log).
  const errorLog = join(prefix, 'error.log');
  const stderr = openSync(errorLog, 'a');
  const child = spawn(NGINX!, ['-p', prefix, '-c', config, '-e', errorLog, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', stderr] });
  closeSync(stderr);
  running.add(child);
  child.once('exit', () => {
    running.delete(child);
    rmSync(prefix, { recursive: true, force: true });
  });
  try {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200, 15_000, 'nginx', 50);
  } catch (err) {
    const errors = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
    child.kill('SIGKILL');
    throw new Error(`nginx did not start (${(err as Error).message}): ${errors}`);
  }
  return child;
}
