// bench/gateway: the mock upstream directly, a bare Fastify+undici pass-through (the physical
// limit), this gateway (auth + routing + prompt governance + recording on), and Portkey 1.15.2,
// non-streaming and streaming, at c=50 and c=200, plus a Claude Code-sized streamed turn (~90 KB
// body) at the first concurrency. Prints a table; see docs/benchmarks.md.
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { startMockUpstream } = require('./lib/mock-upstream');
const { scratchDatabase } = require('./lib/scratch-database');
const { start, waitFor, rss, stop } = require('./lib/processes');
const { load, table } = require('./lib/load');
const { SERVER_NODE_FLAGS } = require('./lib/server-flags');
const { claudeCodeBody } = require('./lib/claude-code-body');

const ROOT = join(__dirname, '..');
const PORTS = { mock: 19911, bare: 19912, gateway: 19913, portkey: 19914 };

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
}

async function startGateway(mockUrl, databaseUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-'));
  const profile = join(dir, 'profile.yaml');
  writeFileSync(profile, `server: { port: ${PORTS.gateway}, host: 127.0.0.1 }
paths: { data: ${dir}/data, services: ${dir}/services }
secrets: { source: env }
gateway:
  routes:
    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${mockUrl}/v1", api_key_secret: anthropic }
  pricing:
    - { model_pattern: "claude-*", input: 3, output: 15 }
governance:
  rate_limits: { gateway_requests_per_minute: 100000000, tool_calls_per_minute: 100000000 }
runtime: { log_level: warn }
`);
  const token = `sp-live-${randomBytes(6).toString('hex')}.${randomBytes(26).toString('hex')}`;
  const child = start('node', [...SERVER_NODE_FLAGS, join(ROOT, 'dist/src/main.js')], {
    env: {
      SYSTEMPROMPT_PROFILE: profile,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SYSTEMPROMPT_ADMIN_PAT: token,
      ANTHROPIC_API_KEY: 'bench-upstream-key',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL || '',
    },
  });
  await waitFor(`http://127.0.0.1:${PORTS.gateway}/health/ready`);
  return { child, token };
}

async function run(args) {
  const duration = Number(option(args, 'duration', '20'));
  const concurrencies = option(args, 'connections', '50,200').split(',').map(Number);
  const mock = await startMockUpstream(PORTS.mock);
  const mockUrl = `http://127.0.0.1:${PORTS.mock}`;
  const bare = start('node', [...SERVER_NODE_FLAGS, join(__dirname, 'lib/bare-proxy.js'), String(PORTS.bare), mockUrl]);
  // Recording goes to a scratch database on the local PostgreSQL (BENCH_DATABASE_URL to change).
  const db = await scratchDatabase();
  const gateway = await startGateway(mockUrl, db.url);
  const portkey = start('node', [...SERVER_NODE_FLAGS, '-r', join(__dirname, 'lib/loopback-only.js'), join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js'), `--port=${PORTS.portkey}`, '--headless'], { stderr: 'ignore' });
  await waitFor(`http://127.0.0.1:${PORTS.bare}/`);
  await waitFor(`http://127.0.0.1:${PORTS.portkey}/`);

  const targets = [
    { name: 'mock upstream (direct)', url: `${mockUrl}/v1/messages`, headers: {}, pid: process.pid },
    { name: 'bare fastify+undici', url: `http://127.0.0.1:${PORTS.bare}/v1/messages`, headers: {}, pid: bare.pid },
    { name: 'systemprompt gateway', url: `http://127.0.0.1:${PORTS.gateway}/v1/messages`, headers: { 'x-api-key': gateway.token }, pid: gateway.child.pid },
    {
      name: 'portkey 1.15.2',
      url: `http://127.0.0.1:${PORTS.portkey}/v1/messages`,
      headers: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${mockUrl}/v1`, 'x-api-key': 'bench-upstream-key' },
      pid: portkey.pid,
    },
  ];
  // Tiny prompts, as the issue's table asks, plus a Claude Code-sized streamed turn (~90 KB:
  // system prompt, 25 tools, 24 tool round trips) at the first concurrency only.
  const small = (stream) => JSON.stringify({ model: 'claude-bench', max_tokens: 64, stream, messages: [{ role: 'user', content: 'Say hello to the benchmark.' }] });
  const modes = [
    { name: 'json', body: small(false), concurrencies },
    { name: 'stream', body: small(true), concurrencies },
    { name: 'stream 90KB', body: claudeCodeBody({ stream: true }), concurrencies: concurrencies.slice(0, 1) },
  ];
  const rows = [];
  // Gateway requests answered 2xx, warm-ups included, against the ai_requests rows stored once
  // the gateway has stopped (its shutdown flushes the batch writer): every one is recorded,
  // plus at most one per connection when a run stopped (answered, but no longer counted).
  let gatewayAnswered = 0;
  let cutInFlight = 0;
  const answered = (target, r, connections) => {
    if (target.name !== 'systemprompt gateway') return;
    gatewayAnswered += r.total - r.non2xx;
    cutInFlight += connections;
  };
  try {
    for (const mode of modes) {
      const body = mode.body;
      for (const target of targets) {
        const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...target.headers };
        answered(target, await load({ url: target.url, headers, body, connections: 10, duration: 3 }), 10);
        for (const connections of mode.concurrencies) {
          const r = await load({ url: target.url, headers, body, connections, duration });
          answered(target, r, connections);
          const memory = rss(target.pid);
          rows.push({ target: target.name, mode: mode.name, c: connections, 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, errors: r.errors, non2xx: r.non2xx, 'peak RSS MiB': target.pid === process.pid ? '-' : memory.peakMiB });
          process.stdout.write(`${JSON.stringify(rows.at(-1))}\n`);
        }
      }
    }
  } finally {
    await Promise.all([stop(bare), stop(gateway.child), stop(portkey)]);
    mock.close();
    const [recorded] = await db.query('SELECT count(*)::int AS n FROM ai_requests');
    const accounted = recorded.n >= gatewayAnswered && recorded.n <= gatewayAnswered + cutInFlight;
    process.stdout.write(`gateway requests answered (warm-ups included): ${gatewayAnswered}; ai_requests rows recorded: ${recorded.n} (${accounted ? `+${recorded.n - gatewayAnswered} in flight when runs stopped, of at most ${cutInFlight}` : 'MISMATCH: rows lost or extra'})\n`);
    await db.drop();
  }
  process.stdout.write(`\n${table(rows)}\n`);
  const find = (t, m, c) => rows.find((r) => r.target === t && r.mode === m && r.c === c);
  for (const { name: mode, concurrencies: cs } of modes) {
    for (const c of cs) {
      const ours = find('systemprompt gateway', mode, c);
      const pk = find('portkey 1.15.2', mode, c);
      const direct = find('mock upstream (direct)', mode, c);
      const bareRow = find('bare fastify+undici', mode, c);
      process.stdout.write(
        `${mode} c=${c}: gateway/portkey throughput ×${(ours['req/s'] / pk['req/s']).toFixed(2)}, gateway/bare ${((100 * ours['req/s']) / bareRow['req/s']).toFixed(0)}%, added p99 gateway ${ours['p99 ms'] - direct['p99 ms']} ms vs portkey ${pk['p99 ms'] - direct['p99 ms']} ms\n`,
      );
    }
  }
}

module.exports = { run };
