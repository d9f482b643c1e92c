/**
 * The dashboard's browser script, served as `/dashboard/assets/dashboard.js` (a file of its
 * own: no inline script, so the page runs under a strict CSP). It keeps the token in
 * sessionStorage and calls the analytics API with `Authorization: Bearer`.
 */
export const DASHBOARD_SCRIPT = String.raw`'use strict';
(function () {
  var KEY = 'systemprompt.dashboard.token';
  var charts = {};
  var $ = function (id) { return document.getElementById(id); };
  var usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
  var num = new Intl.NumberFormat('en-US');

  function status(text, isError) {
    $('status').textContent = text;
    $('status').className = 'stats' + (isError ? ' error' : '');
  }

  async function api(report, params) {
    var res = await fetch('/api/v1/analytics/' + report + '?' + new URLSearchParams(params), {
      headers: { authorization: 'Bearer ' + sessionStorage.getItem(KEY) },
    });
    var body = await res.json().catch(function () { return {}; });
    if (!res.ok) {
      var message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      throw new Error(res.status + ': ' + (message || res.statusText));
    }
    return body;
  }

  function draw(id, type, labels, datasets, horizontal) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart($(id), {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } },
      },
    });
  }

  var COLORS = ['#3b5bdb', '#e8590c', '#c92a2a', '#2f9e44', '#7048e8'];
  function series(label, values, i, fill) {
    return { label: label, data: values, borderColor: COLORS[i], backgroundColor: COLORS[i] + (fill ? 'cc' : '33'), fill: !fill, tension: 0.25, pointRadius: 2 };
  }

  async function load() {
    document.body.dataset.ready = 'false';
    var days = Number($('range').value);
    var to = new Date();
    var from = new Date(to.getTime() - days * 86400000);
    var bucket = days <= 2 ? 'hour' : 'day';
    var w = { from: from.toISOString(), to: to.toISOString() };
    var withGroup = function (group, limit) { return Object.assign({ group_by: group, limit: String(limit) }, w); };
    status('Loading…');
    try {
      var r = await Promise.all([
        api('overview', w),
        api('requests', withGroup(bucket, 1000)),
        api('tools', withGroup(bucket, 1000)),
        api('requests', withGroup('model', 10)),
        api('tools', withGroup('tool', 10)),
      ]);
      var overview = r[0], overTime = r[1], toolsOverTime = r[2], models = r[3], tools = r[4];
      $('stat-requests').textContent = num.format(overview.requests.requests);
      $('stat-cost').textContent = usd.format(overview.requests.cost_usd);
      $('stat-denials').textContent = num.format(overview.governance.denied);
      var p50 = overview.requests.latency_p50_ms, p95 = overview.requests.latency_p95_ms;
      $('stat-latency').textContent = p50 === null ? '–' : Math.round(p50) + ' / ' + Math.round(p95) + ' ms';
      var keys = function (page) { return page.items.map(function (i) { return i.key === null ? '(none)' : i.key; }); };
      draw('chart-requests', 'line', keys(overTime), [series('requests', overTime.items.map(function (i) { return i.requests; }), 0), series('failed', overTime.items.map(function (i) { return i.failed; }), 2)]);
      draw('chart-cost', 'line', keys(overTime), [series('USD', overTime.items.map(function (i) { return i.cost_usd; }), 1)]);
      draw('chart-denials', 'bar', keys(toolsOverTime), [series('denied', toolsOverTime.items.map(function (i) { return i.denied; }), 2, true)]);
      draw('chart-models', 'bar', keys(models), [series('requests', models.items.map(function (i) { return i.requests; }), 0, true)], true);
      draw('chart-tools', 'bar', keys(tools), [series('calls', tools.items.map(function (i) { return i.calls; }), 3, true), series('denied', tools.items.map(function (i) { return i.denied; }), 2, true)], true);
      status((overview.scope === 'all' ? 'Everyone' : 'Your own usage') + ', ' + from.toLocaleString() + ' – ' + to.toLocaleString());
      document.body.dataset.ready = 'true';
    } catch (err) {
      status('Could not load analytics: ' + err.message, true);
      document.body.dataset.ready = 'error';
    }
  }

  $('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = $('token').value.trim();
    if (value) sessionStorage.setItem(KEY, value);
    $('token').value = '';
    load();
  });
  $('range').addEventListener('change', function () { if (sessionStorage.getItem(KEY)) load(); });
  $('forget').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    status('Token forgotten.');
  });
  if (sessionStorage.getItem(KEY)) load();
})();
`;
