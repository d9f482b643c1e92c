import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from '../../utils/built-dist';
import { createTestApp, type TestApp } from '../../utils/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OUTPUT = join(ROOT, 'test-output');
const available = existsSync(CHROMIUM);
if (!available) process.stderr.write(`\nSKIPPED test/e2e/browser/swagger.e2e-spec.ts: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);

/**
 * Swagger UI in a real browser, under the gateway's security headers: it renders without a CSP
 * violation, takes the admin's personal access token in "Authorize", and "Try it out" →
 * "Execute" on `GET /api/v1/users/me` answers 200 in the response panel.
 */
(available ? describe : describe.skip)('Swagger UI in a real browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, redis: false });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('authorizes with the admin token and executes GET /api/v1/users/me → 200', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));

    await page.goto(`${t.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });

    await page.locator('.swagger-ui .auth-wrapper button.authorize').click();
    const bearerBox = page.locator('.modal-ux .auth-container', { has: page.locator('input[aria-label="auth-bearer-value"]') });
    await bearerBox.locator('input[aria-label="auth-bearer-value"]').fill(t.adminToken);
    await bearerBox.locator('button.authorize').click();
    await page.locator('.modal-ux button.btn-done').first().click();

    const operation = page.locator('.opblock-get', { has: page.locator('.opblock-summary-path[data-path="/api/v1/users/me"]') });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    const answered = page.waitForResponse((res) => res.url() === `${t.url}/api/v1/users/me`);
    await operation.locator('button.execute').click();
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${t.adminToken}`);

    const status = operation.locator('.live-responses-table .response .response-col_status');
    await status.first().waitFor({ timeout: 20_000 });
    expect((await status.first().textContent())?.trim()).toBe('200');
    expect(await operation.locator('.live-responses-table').first().textContent()).toContain('"role": "admin"');
    await status.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'swagger.png') });
    expect(violations).toEqual([]);
    await page.close();
  });
});
