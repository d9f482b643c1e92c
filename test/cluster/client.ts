/** What the cluster tests do to the replicas from outside: HTTP calls, users, polling, SQL. */
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Client } from 'pg';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `condition` holds; resolves with the milliseconds it took (no fixed sleeps). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, intervalMs = 10): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await Promise.resolve().then(condition).catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** One HTTP call; a connection failure is status 0 with the error as text (never a throw). */
export async function call<T = Record<string, unknown>>(
  base: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  try {
    const res = await fetch(`${base}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  } catch (err) {
    return { status: 0, body: null as T, text: String((err as Error).cause ?? err), headers: new Headers() };
  }
}

export interface ClusterUser {
  id: string;
  email: string;
  token: string;
  tokenId: string;
}

/** A user and a PAT of its own, created through the API as the bootstrap admin. */
export async function createUser(base: string, adminToken: string, options: { role?: string; email?: string } = {}): Promise<ClusterUser> {
  const tag = randomBytes(4).toString('hex');
  const email = options.email ?? `user-${tag}@cluster.test`;
  const created = await call<{ id: string }>(base, '/api/v1/users', { token: adminToken, body: { email, name: `User ${tag}`, role: options.role ?? 'developer' } });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${created.text}`);
  const issued = await call<{ id: string; token: string }>(base, `/api/v1/users/${created.body.id}/tokens`, { token: adminToken, body: { name: 'cluster' } });
  if (issued.status !== 201) throw new Error(`issue token: ${issued.status} ${issued.text}`);
  return { id: created.body.id, email, token: issued.body.token, tokenId: issued.body.id };
}

export function traceId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

/** POST /v1/messages; `text` steers the mock upstream ("reset", "slow"). */
export function message(base: string, token: string, trace: string, options: { model?: string; stream?: boolean; text?: string } = {}): Promise<Answer> {
  return call(base, '/v1/messages', {
    headers: { 'x-api-key': token, 'anthropic-version': '2023-06-01', 'x-trace-id': trace },
    body: { model: options.model ?? 'claude-cluster', max_tokens: 16, stream: options.stream ?? false, messages: [{ role: 'user', content: options.text ?? 'hello' }] },
  });
}

export function evaluate(base: string, token: string, trace?: string): Promise<Answer<{ decision: string; stage?: string; code?: string; reason?: string }>> {
  return call(base, '/api/v1/governance/evaluate', { token, headers: trace ? { 'x-trace-id': trace } : {}, body: { tool_name: 'Read', tool_input: { file_path: '/tmp/x' } } });
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** How many `ai_requests` rows exist for these trace ids. */
export async function recordedTraces(url: string, traces: string[]): Promise<Map<string, { status: number; error_type: string | null }>> {
  const rows = await query<{ trace_id: string; status: number; error_type: string | null }>(url, 'SELECT trace_id, status, error_type FROM ai_requests WHERE trace_id = ANY($1)', [traces]);
  return new Map(rows.map((r) => [r.trace_id, r]));
}

/** Runs `worker` on `concurrency` callers until `total` calls have been made. */
export async function concurrently<T>(total: number, concurrency: number, worker: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await worker(i);
      }
    }),
  );
  return results;
}
