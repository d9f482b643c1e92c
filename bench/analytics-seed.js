#!/usr/bin/env node
/*
 * Seeds ai_requests (default 1 000 000 rows) and governance_decisions (a fifth of that) in the
 * PostgreSQL database at DATABASE_URL, then times every analytics endpoint through the whole
 * application (auth, validation, SQL, serialization; in-process HTTP, no network).
 *
 *   createdb scratch
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch node bench/analytics-seed.js [--rows 1000000] [--runs 5] [--seed-only]
 *   dropdb scratch
 *
 * Also `npm run bench -- analytics` (bench/analytics.bench.js); skipped without DATABASE_URL.
 *
 * Runs the TypeScript sources directly (an @swc/core require hook), so no build is needed.
 */
'use strict';
const { readFileSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const CHUNK = 100_000;

const MODELS = [
  ['claude-sonnet-4-5', 'anthropic', 3, 15], ['claude-opus-4-1', 'anthropic', 15, 75], ['claude-haiku-4-5', 'anthropic', 1, 5],
  ['gpt-4o', 'openai', 2.5, 10], ['gpt-4o-mini', 'openai', 0.15, 0.6], ['o3', 'openai', 2, 8],
  ['gemini-2.5-pro', 'gemini', 1.25, 10], ['gemini-2.5-flash', 'gemini', 0.3, 2.5],
  ['kimi-k2', 'moonshot', 0.6, 2.5], ['qwen3-coder', 'qwen', 0.5, 2], ['minimax-m1', 'minimax', 0.4, 2.2], ['claude-sonnet-4-0', 'anthropic', 3, 15],
];

async function run(args = []) {
  const ROWS = option(args, 'rows', 1_000_000);
  const RUNS = option(args, 'runs', 5);
  const url = process.env.DATABASE_URL;
  if (!url || !url.startsWith('postgres')) {
    process.stdout.write('analytics bench skipped: set DATABASE_URL=postgres://… to a scratch database (the bench fills it)\n');
    return;
  }
  require('reflect-metadata');
  const { NestFactory } = require('@nestjs/core');
  const { SystempromptModule } = require('../src/app.module.ts');
  const { configureApp } = require('../src/common/http/configure-app.ts');
  const { createFastifyAdapter } = require('../src/common/http/fastify-adapter.factory.ts');
  const { DataSource } = require('typeorm');

  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-'));
  // Fixed, scratch-only credentials, so the bench can run again on a database it filled before.
  const adminToken = `sp-live-${'a1'.repeat(6)}.${'b2'.repeat(26)}`;
  const profileText = `paths:\n  services: ${join(dir, 'services')}\n  data: ${join(dir, 'data')}\nsecrets:\n  source: env\nruntime:\n  log_level: silent\nobservability:\n  retention: { enabled: false }\n`;
  const env = { DATABASE_URL: url, JWT_SECRET: 'analytics-bench-scratch-jwt-secret-000000', SYSTEMPROMPT_ADMIN_PAT: adminToken };
  const policy = { trustProxy: false, bodyLimit: 1024 * 1024 };
  const app = await NestFactory.create(SystempromptModule.forRoot({ profileText, profilePath: join(dir, 'profile.yaml'), env }), createFastifyAdapter(policy), { logger: false });
  await configureApp(app, policy);
  const fastify = app.getHttpAdapter().getInstance();
  const inject = (o) => fastify.inject(o);
  const db = app.get(DataSource);

  // One real user, owner of 1/500 of the rows, for the "own data" timings.
  const created = await inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${adminToken}` }, payload: { email: `bench-${Date.now()}@example.com`, name: 'Bench', role: 'user' } });
  const user = created.json();
  const userToken = (await inject({ method: 'POST', url: `/api/v1/users/${user.id}/tokens`, headers: { authorization: `Bearer ${adminToken}` }, payload: { name: 'bench' } })).json().token;

  const existing = Number((await db.query('SELECT count(*) AS n FROM ai_requests'))[0].n);
  if (existing < ROWS) await seed(db, ROWS - existing, user.id);
  else process.stdout.write(`ai_requests already holds ${existing} rows: not seeding\n`);
  if (args.includes('--seed-only')) {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    return;
  }

  const to = new Date();
  const from30 = new Date(to.getTime() - 30 * 86_400_000).toISOString();
  const from1 = new Date(to.getTime() - 86_400_000).toISOString();
  const w30 = `from=${from30}&to=${to.toISOString()}`;
  const w1 = `from=${from1}&to=${to.toISOString()}`;
  const cases = [
    ['overview', `overview?${w30}`, adminToken],
    ['requests group_by=day', `requests?${w30}&group_by=day`, adminToken],
    ['requests group_by=hour (24 h)', `requests?${w1}&group_by=hour`, adminToken],
    ['requests group_by=model', `requests?${w30}&group_by=model`, adminToken],
    ['costs group_by=model', `costs?${w30}&group_by=model`, adminToken],
    ['costs group_by=user', `costs?${w30}&group_by=user`, adminToken],
    ['costs group_by=day', `costs?${w30}&group_by=day`, adminToken],
    ['costs group_by=model (24 h)', `costs?${w1}&group_by=model`, adminToken],
    ['agents', `agents?${w30}`, adminToken],
    ['sessions (list)', `sessions?${w30}`, adminToken],
    ['sessions group_by=day', `sessions?${w30}&group_by=day`, adminToken],
    ['tools group_by=tool', `tools?${w30}&group_by=tool`, adminToken],
    ['tools group_by=day', `tools?${w30}&group_by=day`, adminToken],
    ['own: overview (user)', `overview?${w30}`, userToken],
    ['own: costs group_by=model (user)', `costs?${w30}&group_by=model`, userToken],
    ['own: requests group_by=day (user)', `requests?${w30}&group_by=day`, userToken],
  ];
  const results = [];
  for (const [name, path, token] of cases) {
    const call = () => inject({ method: 'GET', url: `/api/v1/analytics/${path}`, headers: { authorization: `Bearer ${token}` } });
    const warm = await call();
    if (warm.statusCode !== 200) throw new Error(`${name}: ${warm.statusCode} ${warm.body}`);
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      await call();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    results.push({ name, median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], rows: warm.json().total ?? '-' });
  }
  const rowsNow = Number((await db.query('SELECT count(*) AS n FROM ai_requests'))[0].n);
  const decisionsNow = Number((await db.query('SELECT count(*) AS n FROM governance_decisions'))[0].n);
  const version = (await db.query('SHOW server_version'))[0].server_version;
  process.stdout.write(`\nanalytics over ${rowsNow.toLocaleString('en')} ai_requests and ${decisionsNow.toLocaleString('en')} governance_decisions (PostgreSQL ${version}), ${RUNS} runs each after a warm-up, in-process HTTP\n\n`);
  const pad = (s, n) => String(s).padEnd(n);
  process.stdout.write(`${pad('endpoint', 36)}${pad('median ms', 11)}${pad('min ms', 9)}${pad('max ms', 9)}groups\n`);
  for (const r of results) process.stdout.write(`${pad(r.name, 36)}${pad(r.median.toFixed(1), 11)}${pad(r.min.toFixed(1), 9)}${pad(r.max.toFixed(1), 9)}${r.rows}\n`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Set-based inserts: 30 days of traffic over 500 users, 8 tenants, 12 models, 10 agents, 20 000
 * sessions, 30 tools; appended in time order, as the recorder does (heap order follows created_at).
 */
async function seed(db, rows, realUserId) {
  const models = `ARRAY[${MODELS.map((m) => `'${m[0]}'`).join(',')}]`;
  const providers = `ARRAY[${MODELS.map((m) => `'${m[1]}'`).join(',')}]`;
  const inPrice = `ARRAY[${MODELS.map((m) => m[2]).join(',')}]::float8[]`;
  const outPrice = `ARRAY[${MODELS.map((m) => m[3]).join(',')}]::float8[]`;
  const started = Date.now();
  for (let done = 0; done < rows; done += CHUNK) {
    const n = Math.min(CHUNK, rows - done);
    await db.query(
      `INSERT INTO ai_requests (id, trace_id, user_id, tenant_id, session_id, client_id, call_source, model, upstream_model, provider, route, endpoint, streamed, status, error_type, stop_reason,
         input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_microdollars, latency_ms, ttft_ms, agent, created_at)
       SELECT gen_random_uuid(), md5(g.i::text || $2), u.user_id, ('00000000-0000-4000-9000-' || lpad(to_hex(g.i % 8), 12, '0'))::uuid,
         's-' || (g.i % 20000), NULL, 'sdk', m.model, m.model, m.provider, m.model, 'messages', g.i % 3 = 0,
         CASE WHEN g.i % 20 = 0 THEN 529 ELSE 200 END, CASE WHEN g.i % 20 = 0 THEN 'overloaded_error' END, 'end_turn',
         t.input, t.output, t.cache_read, 0, ((t.input * m.in_price + t.output * m.out_price))::bigint,
         (40 + random() * random() * 6000)::int, (20 + random() * 800)::int,
         CASE WHEN g.i % 4 = 0 THEN 'agent-' || (g.i % 40) END,
         now() - interval '30 days' + ((g.i + random()) / $5::float8) * interval '30 days'
       FROM generate_series($1::bigint, $1::bigint + $3 - 1) AS g(i)
       CROSS JOIN LATERAL (SELECT CASE WHEN g.i % 500 = 0 THEN $4::uuid ELSE ('00000000-0000-4000-8000-' || lpad(to_hex(g.i % 500), 12, '0'))::uuid END AS user_id) u
       CROSS JOIN LATERAL (SELECT (${models})[1 + g.i % 12] AS model, (${providers})[1 + g.i % 12] AS provider, (${inPrice})[1 + g.i % 12] AS in_price, (${outPrice})[1 + g.i % 12] AS out_price) m
       CROSS JOIN LATERAL (SELECT (random() * 8000)::int AS input, (random() * 1500)::int AS output, (random() * 2000)::int AS cache_read) t`,
      [done, randomBytes(4).toString('hex'), n, realUserId, rows],
    );
    process.stdout.write(`seeded ${(done + n).toLocaleString('en')} ai_requests (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  const decisions = Math.floor(rows / 5);
  await db.query(
    `INSERT INTO governance_decisions (id, trace_id, user_id, tenant_id, session_id, principal, tool, server, stage, decision, code, reason, policy_version, created_at)
     SELECT gen_random_uuid(), 'call-' || (g.i / 4), CASE WHEN (g.i / 4) % 500 = 0 THEN $2::uuid ELSE ('00000000-0000-4000-8000-' || lpad(to_hex((g.i / 4) % 500), 12, '0'))::uuid END, NULL,
       's-' || ((g.i / 4) % 20000), 'user', 'tool_' || ((g.i / 4) % 30), NULL, (ARRAY['scope','secret_scan','blocklist','rate_limit'])[1 + g.i % 4],
       CASE WHEN g.i % 4 = 3 AND (g.i / 4) % 10 = 0 THEN 'deny' ELSE 'allow' END, NULL, NULL, 'v1', now() - interval '30 days' + ((g.i / 4) * 4 / $1::float8) * interval '30 days'
     FROM generate_series(0, $1::bigint - 1) AS g(i)`,
    [decisions, realUserId],
  );
  process.stdout.write(`seeded ${decisions.toLocaleString('en')} governance_decisions; vacuum analyze…\n`);
  await db.query('VACUUM ANALYZE ai_requests');
  await db.query('VACUUM ANALYZE governance_decisions');
  process.stdout.write(`seeding took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

module.exports = { run };

if (require.main === module) {
  run(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
    process.exit(1);
  });
}
