import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { buildDecision, buildRequest, insertDecisions, insertRequests, random } from '../../integration/analytics/seed-rows';
import { ROOT } from '../../utils/built-dist';
import { createTestApp, type TestApp } from '../../utils/test-app';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOT = join(ROOT, 'test-output', 'dashboard.png');
const hasChromium = existsSync(CHROMIUM);

/** The dashboard page in a real headless Chromium, against seeded data; saves a screenshot. */
describe('dashboard (e2e)', () => {
  let t: TestApp;
  let browser: Browser | null = null;
  let seeded = 0;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, redis: false });
    const rnd = random(42);
    const now = Date.now();
    const models = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'gpt-4o', 'gpt-4o-mini', 'gemini-2.5-pro'];
    const requests = Array.from({ length: 1500 }, () => {
      const model = models[Math.floor(rnd() ** 1.6 * models.length)]!;
      const failed = rnd() < 0.04;
      return buildRequest({ model, provider: model.split('-')[0] === 'claude' ? 'anthropic' : model.startsWith('gpt') ? 'openai' : 'gemini', status: failed ? 529 : 200, error_type: failed ? 'overloaded_error' : null, input_tokens: Math.floor(rnd() * 6000), output_tokens: Math.floor(rnd() * 1200), cost_microdollars: Math.floor(rnd() * 60_000), latency_ms: 200 + Math.floor(rnd() * rnd() * 6000), session_id: `s-${Math.floor(rnd() * 80)}`, created_at: new Date(now - rnd() * 29 * 86_400_000) });
    });
    seeded = requests.length;
    const tools = ['bash', 'read_file', 'write_file', 'db_query', 'web_fetch', 'mcp__files__delete'];
    const decisions = Array.from({ length: 600 }, () => {
      const tool = tools[Math.floor(rnd() ** 1.4 * tools.length)]!;
      return buildDecision({ tool, decision: rnd() < (tool.includes('delete') ? 0.8 : 0.08) ? 'deny' : 'allow', stage: 'blocklist', created_at: new Date(now - rnd() * 29 * 86_400_000) });
    });
    await insertRequests(t.get(DataSource), requests);
    await insertDecisions(t.get(DataSource), decisions);
    if (hasChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('serves the page and its scripts publicly (no data in them), chart.js from node_modules, under a strict CSP', async () => {
    const page = await t.inject({ method: 'GET', url: '/dashboard' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="/dashboard/assets/chart.umd.js"></script>');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    const chart = await t.inject({ method: 'GET', url: '/dashboard/assets/chart.umd.js' });
    expect(chart.statusCode).toBe(200);
    expect(chart.body).toContain('Chart.js v4');
    expect((await t.inject({ method: 'GET', url: '/dashboard/assets/dashboard.js' })).body).toContain('sessionStorage');
    expect((await t.inject({ method: 'GET', url: '/api/v1/analytics/overview' })).statusCode).toBe(401);
  });

  (hasChromium ? it : it.skip)(`renders requests, cost, denials, top models and top tools with a token, and saves ${SCREENSHOT}`, async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const origins = new Set<string>();
    const problems: string[] = [];
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${t.url}/dashboard`);
    await page.fill('#token', t.adminToken);
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    expect(await page.textContent('#stat-requests')).toBe(seeded.toLocaleString('en-US'));
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('systemprompt.dashboard.token'))).toBe(t.adminToken);
    expect(await page.inputValue('#token')).toBe('');
    const canvases = await page.$$eval('canvas', (list) => list.map((c) => (c as unknown as { width: number }).width));
    expect(canvases).toHaveLength(5);
    expect(canvases.every((w) => w > 100)).toBe(true);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    expect([...origins]).toEqual([t.url]);
    expect(problems).toEqual([]);
    await context.close();
  });

  (hasChromium ? it : it.skip)('says so when the token is refused', async () => {
    const page = await browser!.newPage();
    await page.goto(`${t.url}/dashboard`);
    await page.fill('#token', 'sp-live-000000000000.' + '0'.repeat(52));
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-ready="error"]', { timeout: 20_000 });
    expect(await page.textContent('#status')).toMatch(/^Could not load analytics: 401: /);
    await page.close();
  });
});
