// bench/governance: the evaluate endpoint, and a governed MCP tools/call through the proxy vs the
// same MCP server called directly, c=200 for 20 s each: decisions/s, p50/p99, the gateway's
// request-thread CPU per request, its share of a core and the share of the run it waited for
// a core, and audit rows written vs requests answered; plus the evaluate endpoint at fixed offered rates (`--rates`, default
// 1000,2000,3308 req/s, evenly paced over 200 connections). Runs on a scratch database on the
// local PostgreSQL.
const { mkdtempSync, mkdirSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { startMockMcpServer } = require('./lib/mock-mcp-server');
const { scratchDatabase } = require('./lib/scratch-database');
const { start, waitFor, rss, mainThreadCpuMs, mainThreadRunQueueMs, databaseBackendsCpuMs, otherThreadsCpuMs, stop } = require('./lib/processes');
const { load, table } = require('./lib/load');
const { pacedLoad } = require('./lib/paced-load');
const { SERVER_NODE_FLAGS } = require('./lib/server-flags');

const ROOT = join(__dirname, '..');
const PORTS = { mcp: 19921, gateway: 19922 };
// The paced runs first send this long at their rate over their own pool, unmeasured (paced-load.js).
const PACED_WARMUP_S = 3;

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
}

async function run(args) {
  const duration = Number(option(args, 'duration', '20'));
  const connections = Number(option(args, 'connections', '200'));
  const db = await scratchDatabase();
  const mcpServer = await startMockMcpServer(PORTS.mcp);
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-gov-'));
  mkdirSync(join(dir, 'services/mcp'), { recursive: true });
  writeFileSync(join(dir, 'services/mcp/files.yaml'), `name: files\nupstream: { url: http://127.0.0.1:${PORTS.mcp}/mcp }\naccess: { roles: [developer, admin] }\n`);
  // BENCH_PROFILE_EXTRA: more top-level profile YAML, e.g. `observability: { events: { resume_buffer: 0 } }`.
  writeFileSync(join(dir, 'profile.yaml'), `server: { port: ${PORTS.gateway}, host: 127.0.0.1 }
paths: { data: ${dir}/data, services: ${dir}/services }
secrets: { source: env }
governance:
  rate_limits: { gateway_requests_per_minute: 100000000, tool_calls_per_minute: 100000000 }
runtime: { log_level: warn }
${process.env.BENCH_PROFILE_EXTRA ?? ''}
`);
  const token = `sp-live-${randomBytes(6).toString('hex')}.${randomBytes(26).toString('hex')}`;
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the gateway there (open it in Chrome DevTools).
  const profiling = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const gateway = start('node', [...SERVER_NODE_FLAGS, ...profiling, join(ROOT, 'dist/src/main.js')], {
    env: { SYSTEMPROMPT_PROFILE: join(dir, 'profile.yaml'), JWT_SECRET: randomBytes(32).toString('hex'), SYSTEMPROMPT_ADMIN_PAT: token, DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL || '' },
  });
  const rows = [];
  try {
    await waitFor(`http://127.0.0.1:${PORTS.gateway}/health/ready`);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const evaluateBody = JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'ls -la /tmp', cwd: '/repo' } });
    const call = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hello bench' } } });
    const mcpHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json', 'mcp-protocol-version': '2025-06-18' };
    const targets = [
      { name: 'POST /api/v1/governance/evaluate', url: `http://127.0.0.1:${PORTS.gateway}/api/v1/governance/evaluate`, headers: auth, body: evaluateBody, pid: gateway.pid },
      { name: 'MCP tools/call, direct', url: `http://127.0.0.1:${PORTS.mcp}/mcp`, headers: mcpHeaders, body: call, pid: null },
      { name: 'MCP tools/call, governed proxy', url: `http://127.0.0.1:${PORTS.gateway}/api/v1/mcp/files/mcp`, headers: { ...mcpHeaders, ...auth }, body: call, pid: gateway.pid },
    ];
    let governedAnswered = 0;
    const only = option(args, 'only', null);
    // The seed's published figure as an offered load: 3,308 req/s, evenly paced, over 200
    // connections (open loop: a closed loop of 200 clients cannot have p50 < 5 ms below
    // ~40,000 req/s by Little's law).
    const rates = option(args, 'rates', '1000,2000,3308').split(',').map(Number);
    targets.splice(1, 0, ...rates.map((rate) => ({ ...targets[0], name: `POST /api/v1/governance/evaluate, ${rate} req/s offered`, overallRate: rate })));
    for (const target of targets.filter((t) => !only || t.name.includes(only))) {
      const warm = await load({ url: target.url, headers: target.headers, body: target.body, connections: 20, duration: 3 });
      const shape = { url: target.url, headers: target.headers, body: target.body, connections, duration };
      const cpuBefore = target.pid ? mainThreadCpuMs(target.pid) : null;
      const waitBefore = target.pid ? mainThreadRunQueueMs(target.pid) : null;
      const databaseBefore = databaseBackendsCpuMs(db.name);
      const othersBefore = target.pid ? otherThreadsCpuMs(target.pid) : null;
      const runStarted = Date.now();
      const generatorCpu = process.cpuUsage();
      const r = target.overallRate ? await pacedLoad({ ...shape, rate: target.overallRate, warmup: PACED_WARMUP_S }) : await load(shape);
      const generatorUsed = process.cpuUsage(generatorCpu);
      // Every cost below is per answered request, warm-up included.
      const served = r.total + (r.warmupAnswered ?? 0);
      const perRequestUs = (msBefore, msAfter) => (msBefore !== null && msAfter !== null && served > 0 ? Math.round(((msAfter - msBefore) * 1000) / served) : null);
      const generatorUs = perRequestUs(0, (generatorUsed.user + generatorUsed.system) / 1000);
      // The request thread's CPU a request and its share of a core: whether a latency figure
      // was taken on a machine with headroom.
      const threadUs = perRequestUs(cpuBefore, target.pid ? mainThreadCpuMs(target.pid) : null);
      // And how long it was ready to run but waited for a core (the machine's other work):
      // a request delayed by that is late for reasons outside the gateway's code.
      const waitAfter = target.pid ? mainThreadRunQueueMs(target.pid) : null;
      const waitShare = waitBefore !== null && waitAfter !== null ? Math.round((100 * (waitAfter - waitBefore)) / (Date.now() - runStarted)) : null;
      // What else a request costs on the same two cores: the gateway's other threads (the
      // insert thread, GC helpers) and the PostgreSQL backends writing its rows.
      const othersUs = perRequestUs(othersBefore, target.pid ? otherThreadsCpuMs(target.pid) : null) ?? '-';
      const databaseUs = perRequestUs(databaseBefore, databaseBackendsCpuMs(db.name));
      const thread = { 'thread µs/req': threadUs ?? '-', 'thread core %': threadUs !== null ? Math.round((threadUs * r.rps) / 10_000) : '-', 'thread waited %': waitShare ?? '-', 'other threads µs/req': othersUs, 'database µs/req': target.pid ? databaseUs : '-' };
      if (target.pid) governedAnswered += warm.total - warm.non2xx + (r.warmupAnswered ?? 0) + r.total - r.non2xx;
      // The paced generator shares the machine's two cores with the gateway: its own CPU a request.
      const paced = target.overallRate ? { 'p99.9 ms': r.p999, '> 12 ms': `${r.over12ms} (${((100 * r.over12ms) / r.total).toFixed(2)} %)`, 'generator µs/req': generatorUs } : { 'p99.9 ms': '-', '> 12 ms': '-', 'generator µs/req': '-' };
      rows.push({ target: target.name, c: connections, 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, ...paced, ...thread, errors: r.errors, non2xx: r.non2xx, answered: r.total, 'peak RSS MiB': target.pid ? rss(target.pid).peakMiB : '-' });
      process.stdout.write(`${JSON.stringify(rows.at(-1))}\n`);
      // Each cell starts on an empty row queue: a closed loop queues rows faster than
      // PostgreSQL takes them, and the next cell would otherwise measure that backlog's drain.
      if (target.pid) process.stdout.write(`row queues drained in ${await queuesDrained(`http://127.0.0.1:${PORTS.gateway}/metrics`, auth)} ms\n`);
    }
    // Let the batch writers drain, then count what was written against what was answered.
    await new Promise((r) => setTimeout(r, 3000));
    const [permissions] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE point = 'permissions'`);
    const [decisions] = await db.query(`SELECT count(*)::int AS n FROM governance_decisions`);
    process.stdout.write(`\n${table(rows)}\n\ngoverned requests answered (warm-up included): ${governedAnswered}; audit 'permissions' rows: ${permissions.n}; governance_decisions rows: ${decisions.n} (4 per allowed call)\n`);
  } finally {
    await stop(gateway);
    mcpServer.close();
    await db.drop();
  }
}

/** Waits (up to 60 s) until every batch writer's queue is empty; the time it took, in ms. */
async function queuesDrained(metricsUrl, headers) {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const text = await (await fetch(metricsUrl, { headers: { authorization: headers.authorization } })).text();
    const depths = [...text.matchAll(/^sp_recording_queue_depth\{[^}]*\} (\d+)/gm)].map((m) => Number(m[1]));
    if (depths.length > 0 && depths.every((d) => d === 0)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - started;
}

module.exports = { run };
