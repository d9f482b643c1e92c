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
  const startedAt = Date.now();
  const inFlight = new Set();
  const tl = [];
  const fire = () => {
    sent++;
    const started = process.hrtime.bigint();
    const sentAt = Date.now() - startedAt;
    const request = send()
      .then((status) => {
        if (status < 200 || status >= 300) non2xx++;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        latencies.push(ms);
        if (process.env.X_TL) { const b = Math.floor(sentAt / 250); (tl[b] ??= [0, 0, 0]); tl[b][0]++; if (ms > 12) tl[b][1]++; tl[b][2] = Math.max(tl[b][2], ms); }
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
  if (process.env.X_TL && duration > 5) require('fs').writeFileSync(process.env.X_TL, `start ${startedAt}\n` + tl.map((b, i) => b ? `${(i / 4).toFixed(2)} n=${b[0]} over=${b[1]} max=${b[2].toFixed(1)}` : `${i / 4} -`).join('\n'));
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10 : null);
  const over12ms = latencies.filter((l) => l > 12).length;
  return { rps: Math.round(latencies.length / duration), p50: at(0.5), p99: at(0.99), p999: at(0.999), over12ms, errors, non2xx, total: latencies.length, sent };
}

module.exports = { pacedLoad };
