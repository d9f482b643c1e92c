import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { ROOT } from '../../utils/built-dist';
import { basic, type OauthTestApp, pkce, postForm, registerClient, startOauthApp } from './oauth-fixture';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OUTPUT = join(ROOT, 'test-output');

/**
 * The real pages in headless Chromium: a passkey is created on the enrolment page and used on
 * the login page through Chrome's virtual authenticator (DevTools WebAuthn domain), then the
 * consent page is approved and the browser lands on the client's redirect URI with a code.
 */
describe('passkey login in a real browser (e2e)', () => {
  let t: OauthTestApp;
  let user: CreatedUser;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    // WebAuthn needs a secure context and a domain as RP ID: http://localhost is both.
    t = await startOauthApp({ host: 'localhost' });
    user = await createUser(t);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('enrols a passkey, signs in with it, approves consent and reaches the redirect with a code', async () => {
    const enrolment = await t.inject({ method: 'POST', url: '/api/v1/oauth/enrolments', headers: bearer(t.adminToken), payload: { user_id: user.id } });
    expect(enrolment.statusCode).toBe(201);
    const redirect = 'http://127.0.0.1:9/callback';
    const reg = await registerClient(t, { redirect_uris: [redirect], client_name: 'Browser Test Client', scope: 'openid profile mcp:call' });
    const { verifier, challenge } = await pkce();

    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    const landed: string[] = [];
    await page.route('http://127.0.0.1:9/**', async (route) => {
      landed.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'client callback' });
    });

    await page.goto(enrolment.json().url as string);
    await page.click('#enrol');
    await page.locator('#status', { hasText: 'Passkey saved' }).waitFor({ timeout: 20_000 });
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    const authorize = new URL(`${t.issuer}/api/v1/oauth/authorize`);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: reg.body.client_id as string, redirect_uri: redirect, scope: 'openid profile', code_challenge: challenge, code_challenge_method: 'S256', state: 'browser-state', nonce: 'browser-nonce' })) {
      authorize.searchParams.set(k, v);
    }
    await page.goto(authorize.toString());
    await page.waitForSelector('#login');
    await page.screenshot({ path: join(OUTPUT, 'oauth-login.png') });
    await page.click('#login');
    await page.waitForSelector('form[action="/api/v1/oauth/authorize"]', { timeout: 20_000 });
    expect(await page.textContent('h1')).toBe('Allow Browser Test Client?');
    await page.screenshot({ path: join(OUTPUT, 'oauth-consent.png') });
    await page.click('button[value="allow"]');
    await page.waitForURL((url) => url.href.startsWith(redirect), { timeout: 20_000 });

    const callback = new URL(landed.at(-1)!);
    expect(callback.searchParams.get('state')).toBe('browser-state');
    expect(callback.searchParams.get('iss')).toBe(t.issuer);
    const tokens = await postForm(t, 'token', { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: verifier, redirect_uri: redirect }, basic(reg.body.client_id as string, reg.body.client_secret as string));
    expect(tokens.status).toBe(200);
    const idToken = JSON.parse(Buffer.from((tokens.body.id_token as string).split('.')[1]!, 'base64url').toString());
    expect(idToken).toMatchObject({ sub: user.id, nonce: 'browser-nonce', name: expect.any(String) });
    const { credentials: used } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(used[0]!.signCount).toBeGreaterThan(0);
    await context.close();
  }, 120_000);
});
