// One autocannon run, reduced to the figures we publish.
const autocannon = require('autocannon');

// `extra` goes to autocannon as is (e.g. `idReplacement` and `requests[].onResponse`, with
// which bench/soak tells which requests were answered).
function load({ url, method = 'POST', headers = {}, body, connections, duration, ...extra }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, method, headers, body, connections, duration, pipelining: 1, timeout: 30, ...extra }, (err, result) => {
      if (err) return reject(err);
      resolve({
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        total: result.requests.total,
      });
    });
  });
}

function table(rows) {
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (values) => `| ${values.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(headers.map((h) => r[h])))].join('\n');
}

module.exports = { load, table };
