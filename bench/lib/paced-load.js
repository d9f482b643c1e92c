// An open-loop load: requests sent at evenly spaced times (every millisecond, the share of the
// rate due by then), whatever the answers' latency, over a pool of `connections` keep-alive
// connections. autocannon's `overallRate` releases each second's quota of every connection at
// once, so its latencies measure its own bursts; this measures the server at a steady rate.
//
// `warmup` seconds are sent first at the same rate over the same pool, and not measured: the
// pool opens its connections as the load needs them, and a cold pool opened up to 200 at the
// start of the measured run (each one a TCP handshake and a new socket on the server), which
// was a third of that run's requests over 12 ms (docs/benchmarks.md). Steady state only.
//
// `client`: 'raw' (default) writes one pre-serialised request per send over plain sockets
// (`raw-http-pool.js`); 'undici' uses undici's Pool, the generator of the earlier sessions'
// figures. Both time a request from the moment it is due to the end of its response.
//
// BENCH_TIMELINE=<file> writes the measured run's latencies per 250 ms of sending time (requests,
// how many took over 12 ms, the slowest), headed by the run's start in epoch ms: whether a tail
// is spread over the run or made by a few bursts, to set beside the server's own logs.
const { writeFileSync } = require('node:fs');
const { Pool } = require('undici');
const { RawHttpPool, serialiseRequest } = require('./raw-http-pool');

async function pacedLoad({ url, method = 'POST', headers = {}, body, rate, connections, duration, warmup = 0, client = process.env.BENCH_PACED_CLIENT || 'raw' }) {
  const target = new URL(url);
  const path = target.pathname + target.search;
  let send;
  let close;
  if (client === 'undici') {
    const pool = new Pool(target.origin, { connections, pipelining: 1 });
    send = () => pool.request({ path, method, headers, body }).then(async (res) => (await res.body.dump(), res.statusCode));
    close = () => pool.close();
  } else {
    const pool = new RawHttpPool(target.origin, connections);
    const bytes = serialiseRequest({ host: target.host, method, path, headers, body });
    send = () => pool.send(bytes);
    close = () => pool.close();
  }
  try {
    const warm = warmup > 0 ? await paced({ send, rate, duration: warmup }) : { total: 0, non2xx: 0 };
    // Warm-up requests are governed and recorded too: counted apart, for the row checks.
    return { ...(await paced({ send, rate, duration })), warmupAnswered: warm.total - warm.non2xx, client };
  } finally {
    await close();
  }
}

async function paced({ send, rate, duration }) {
  const latencies = [];
  let sent = 0;
  let errors = 0;
  let non2xx = 0;
  const inFlight = new Set();
  const startedAt = Date.now();
  const timeline = process.env.BENCH_TIMELINE ? new Timeline(startedAt) : null;
  const fire = () => {
    sent++;
    const started = process.hrtime.bigint();
    const sentAt = Date.now();
    const request = send()
      .then((status) => {
        if (status < 200 || status >= 300) non2xx++;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        latencies.push(ms);
        timeline?.add(sentAt, ms);
      })
      .catch(() => errors++)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - startedAt;
      if (elapsed >= duration * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed * rate) / 1000);
      while (sent < due) fire();
    }, 1);
  });
  await Promise.allSettled([...inFlight]);
  timeline?.write(process.env.BENCH_TIMELINE);
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10 : null);
  const over12ms = latencies.filter((l) => l > 12).length;
  return { rps: Math.round(latencies.length / duration), p50: at(0.5), p99: at(0.99), p999: at(0.999), over12ms, errors, non2xx, total: latencies.length, sent };
}

/** Latencies bucketed by sending time: requests, requests over 12 ms and the slowest, per 250 ms. */
class Timeline {
  constructor(startedAt) {
    this.startedAt = startedAt;
    this.buckets = [];
  }

  add(sentAt, ms) {
    const bucket = (this.buckets[Math.floor((sentAt - this.startedAt) / 250)] ??= { requests: 0, over12ms: 0, slowest: 0 });
    bucket.requests++;
    if (ms > 12) bucket.over12ms++;
    bucket.slowest = Math.max(bucket.slowest, ms);
  }

  write(file) {
    const lines = this.buckets.map((b, i) => `${(i / 4).toFixed(2)} s\trequests ${b?.requests ?? 0}\tover 12 ms ${b?.over12ms ?? 0}\tslowest ${b ? b.slowest.toFixed(1) : '-'} ms`);
    writeFileSync(file, `started at ${this.startedAt}\n${lines.join('\n')}\n`);
  }
}

module.exports = { pacedLoad };
