/** The dashboard's HTML: a static shell; the data comes from the analytics API with the user's token. */
export function renderDashboardPage(siteName: string): string {
  const site = escapeHtml(siteName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${site} · usage dashboard</title>
<style>
  :root { color-scheme: light; --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --bg: #f7f8fa; --card: #fff; --accent: #3b5bdb; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; padding: 14px 24px; background: var(--card); border-bottom: 1px solid var(--line); }
  h1 { font-size: 18px; margin: 0; }
  form { display: flex; gap: 8px; align-items: center; }
  input, select, button { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
  button.secondary { background: #fff; color: var(--fg); border-color: var(--line); }
  main { padding: 20px 24px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
  .stats { grid-column: 1 / -1; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
  .card h2 { font-size: 13px; font-weight: 600; color: var(--muted); margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; }
  .stat { font-size: 26px; font-weight: 650; }
  .chart { position: relative; height: 260px; }
  #status { color: var(--muted); min-height: 1.4em; }
  #status.error { color: #c92a2a; }
</style>
</head>
<body data-ready="false">
<header>
  <h1>${site} · usage</h1>
  <form id="token-form" autocomplete="off">
    <label for="token">Token</label>
    <input id="token" name="token" type="password" placeholder="sp-live-… or a JWT" size="28" required>
    <select id="range" name="range" aria-label="Window">
      <option value="1">Last 24 hours</option>
      <option value="7">Last 7 days</option>
      <option value="30" selected>Last 30 days</option>
      <option value="90">Last 90 days</option>
    </select>
    <button type="submit">Show</button>
    <button type="button" id="forget" class="secondary">Forget token</button>
  </form>
</header>
<main>
  <div id="status" class="stats" role="status">Enter a token with the analytics:read scope. It stays in this tab (sessionStorage) and is sent only to this gateway's API.</div>
  <section class="stats" aria-label="Totals">
    <div class="card"><h2>Requests</h2><div class="stat" id="stat-requests">–</div></div>
    <div class="card"><h2>Cost</h2><div class="stat" id="stat-cost">–</div></div>
    <div class="card"><h2>Tool denials</h2><div class="stat" id="stat-denials">–</div></div>
    <div class="card"><h2>Latency p50 / p95</h2><div class="stat" id="stat-latency">–</div></div>
  </section>
  <section class="card"><h2>Requests over time</h2><div class="chart"><canvas id="chart-requests"></canvas></div></section>
  <section class="card"><h2>Cost over time (USD)</h2><div class="chart"><canvas id="chart-cost"></canvas></div></section>
  <section class="card"><h2>Tool-call denials over time</h2><div class="chart"><canvas id="chart-denials"></canvas></div></section>
  <section class="card"><h2>Top models (requests)</h2><div class="chart"><canvas id="chart-models"></canvas></div></section>
  <section class="card"><h2>Top tools (calls)</h2><div class="chart"><canvas id="chart-tools"></canvas></div></section>
</main>
<script src="/dashboard/assets/chart.umd.js"></script>
<script src="/dashboard/assets/dashboard.js"></script>
</body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
