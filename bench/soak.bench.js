// bench/soak: 200 concurrent clients for 60 s through nginx (docker/nginx.conf) to two gateway
// replicas on one PostgreSQL database and one Redis, mock upstream. Reports requests/s, p50/p99,
// errors (must be 0), request rows stored vs requests answered (must be equal once the queues
// have flushed) and each replica's RSS at the start and the end. See docs/reliability.md.
//   npm run bench -- soak [--duration 60] [--connections 200]
// DATABASE_URL (a PostgreSQL server; a fresh database is created on it) and REDIS_URL default to
// the local ones.
const { closeSync, chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { cpus, loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');
const { start, waitFor, rss, stop } = require('./lib/processes');
const { load, table } = require('./lib/load');
const { SERVER_NODE_FLAGS } = require('./lib/server-flags');

const ROOT = join(__dirname, '..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function sqlRows(url, text, params = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

function startReplica(dir, name, port, mockUrl, env) {
  const profile = join(dir, `profile-${name}.yaml`);
  writeFileSync(
    profile,
    `server: { port: ${port}, host: 127.0.0.1 }
paths: { data: ${dir}/data-${name}, services: ${dir}/services }
secrets: { source: env }
gateway:
  routes:
    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${mockUrl}/v1" }
  pricing:
    - { model_pattern: "claude-*", input: 3, output: 15 }
governance:
  rate_limits: { gateway_requests_per_minute: 100000000, tool_calls_per_minute: 100000000 }
runtime: { log_level: warn }
`,
  );
  const child = start('node', [...SERVER_NODE_FLAGS, join(ROOT, 'dist/src/main.js')], { env: { ...env, SYSTEMPROMPT_PROFILE: profile } });
  return { name, url: `http://127.0.0.1:${port}`, child };
}

/** docker/nginx.conf with only its three placeholders substituted; stderr to a file (nginx cannot open /dev/stderr on a socket pair). */
async function startNginx(port, upstreams) {
  const prefix = mkdtempSync(join(tmpdir(), 'sp-soak-nginx-'));
  chmodSync(prefix, 0o755);
  const config = readFileSync(join(ROOT, 'docker/nginx.conf'), 'utf8')
    .replaceAll('${UPSTREAM_A}', `127.0.0.1:${upstreams[0]}`)
    .replaceAll('${UPSTREAM_B}', `127.0.0.1:${upstreams[1]}`)
    .replaceAll('${LISTEN_PORT}', `127.0.0.1:${port}`);
  writeFileSync(join(prefix, 'nginx.conf'), config);
  const errorLog = join(prefix, 'error.log');
  const fd = openSync(errorLog, 'a');
  const child = start(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', errorLog, '-g', 'daemon off;'], { stderr: fd });
  closeSync(fd);
  child.once('exit', () => rmSync(prefix, { recursive: true, force: true }));
  await waitFor(`http://127.0.0.1:${port}/health`, 15_000);
  return { child, errorLog };
}

/**
 * A load run in which every request carries its own x-trace-id (autocannon's `[<id>]`
 * replacement) and the ids of the answered ones are collected from the responses, so that
 * stored rows can be matched to answers one by one. The requests autocannon abandons in flight
 * when the time is up are not answered; the gateway still records those (status 499 or 200).
 */
async function tracedLoad(options) {
  const answered = new Set();
  const r = await load({
    ...options,
    headers: { ...options.headers, 'x-trace-id': 'soak-[<id>]' },
    idReplacement: true,
    requests: [{ onResponse: (status, _body, _context, headers) => status < 300 && answered.add(headers['x-trace-id']) }],
  });
  return { ...r, answered: [...answered] };
}

/** How many of `traces` have their row, polled until all do or the count stops growing for 5 s. */
async function storedRows(databaseUrl, traces) {
  const count = async () => (await sqlRows(databaseUrl, 'SELECT count(*)::int AS n FROM ai_requests WHERE trace_id = ANY($1)', [traces]))[0].n;
  const deadline = Date.now() + 60_000;
  let [last, stableSince] = [-1, Date.now()];
  for (;;) {
    const n = await count();
    if (n === traces.length || Date.now() > deadline) return n;
    if (n !== last) [last, stableSince] = [n, Date.now()];
    else if (Date.now() - stableSince > 5000) return n;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function run(args) {
  if (!NGINX) {
    process.stdout.write('soak: SKIPPED, nginx is not installed (apt-get install -y nginx-light)\n');
    return;
  }
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const duration = Number(option(args, 'duration', '60'));
  const connections = Number(option(args, 'connections', '200'));
  const server = process.env.DATABASE_URL && process.env.DATABASE_URL.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
  const database = `sp_soak_${randomBytes(6).toString('hex')}`;
  await sqlRows(server, `CREATE DATABASE "${database}"`);
  const databaseUrl = Object.assign(new URL(server), { pathname: `/${database}` }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'sp-soak-'));
  const [mockPort, portA, portB, balancerPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const token = `sp-live-${randomBytes(6).toString('hex')}.${randomBytes(26).toString('hex')}`;
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', JWT_SECRET: randomBytes(32).toString('hex'), SYSTEMPROMPT_ADMIN_PAT: token };
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const mock = start('node', [join(__dirname, 'lib/mock-upstream.js'), String(mockPort)]);
  const replicas = [startReplica(dir, 'a', portA, mockUrl, env), startReplica(dir, 'b', portB, mockUrl, env)];
  let nginx = null;
  try {
    await Promise.all(replicas.map((r) => waitFor(`${r.url}/health/ready`, 120_000)));
    nginx = await startNginx(balancerPort, [portA, portB]);
    const url = `http://127.0.0.1:${balancerPort}/v1/messages`;
    const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': token };
    const body = JSON.stringify({ model: 'claude-soak', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello to the soak test.' }] });

    await load({ url, headers, body, connections: 10, duration: 3 });
    const rssStart = replicas.map((r) => rss(r.child.pid));
    process.stdout.write(`soak: ${connections} clients for ${duration} s through nginx to 2 replicas (${cpus().length} cores, load ${loadavg()[0].toFixed(1)})\n`);
    // Halfway, to tell growth that levels off from growth that keeps going.
    let rssMid = null;
    const midway = setTimeout(() => (rssMid = replicas.map((rep) => rss(rep.child.pid))), (duration * 1000) / 2);
    const r = await tracedLoad({ url, headers, body, connections, duration });
    clearTimeout(midway);
    const answered = r.answered.length;
    const flushStarted = Date.now();
    const rows = await storedRows(databaseUrl, r.answered);
    const flushMs = Date.now() - flushStarted;
    const rssEnd = replicas.map((rep) => rss(rep.child.pid));

    const result = {
      'req/s': r.rps,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      errors: r.errors,
      non2xx: r.non2xx,
      answered,
      'rows stored': rows,
      lost: answered - rows,
      'flush ms': flushMs,
      ...Object.fromEntries(
        replicas.flatMap((rep, i) => [
          [`RSS ${rep.name} start→mid→end MiB`, `${rssStart[i].currentMiB}→${rssMid ? rssMid[i].currentMiB : '?'}→${rssEnd[i].currentMiB}`],
          [`peak ${rep.name} MiB`, rssEnd[i].peakMiB],
        ]),
      ),
    };
    process.stdout.write(`${JSON.stringify(result)}\n\n${table([result])}\n`);
    if (r.errors !== 0 || r.non2xx !== 0 || answered !== r.total || rows !== answered) throw new Error(`soak failed: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.total - answered} answer(s) without a trace id, ${answered - rows} row(s) missing`);
  } finally {
    await Promise.all([...replicas.map((rep) => stop(rep.child)), stop(mock), nginx ? stop(nginx.child) : null]);
    await sqlRows(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
