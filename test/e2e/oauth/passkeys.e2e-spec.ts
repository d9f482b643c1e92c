import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { basic, type OauthTestApp, pkce, registerClient, startOauthApp } from './oauth-fixture';
import { SoftwareAuthenticator } from './software-authenticator';

type Json = Record<string, unknown>;

/** Passkey enrolment, login, consent and counters, driven by a software authenticator over HTTP. */
describe('passkeys, login session and consent (e2e)', () => {
  let t: OauthTestApp;
  let user: CreatedUser;
  let authenticator: SoftwareAuthenticator;
  const redirect = 'https://third-party.example/cb';

  const post = (url: string, payload: Json, cookie?: string) =>
    t.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } });

  function cookieOf(res: { headers: Record<string, unknown> }, name: string): string {
    const raw = res.headers['set-cookie'];
    const all = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
    const found = all.find((c) => c.startsWith(`${name}=`));
    if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
    return found.split(';')[0]!;
  }

  async function enrolmentToken(forUser: CreatedUser): Promise<string> {
    const res = await post('/api/v1/oauth/enrolments', { user_id: forUser.id }, undefined);
    expect(res.statusCode).toBe(401);
    const issued = await t.inject({ method: 'POST', url: '/api/v1/oauth/enrolments', headers: bearer(t.adminToken), payload: { user_id: forUser.id } });
    expect(issued.statusCode).toBe(201);
    const url = new URL(issued.json().url as string);
    expect(url.pathname).toBe('/api/v1/oauth/enrol');
    return new URLSearchParams(url.hash.slice(1)).get('token')!;
  }

  async function enrol(forUser: CreatedUser, device: SoftwareAuthenticator): Promise<void> {
    const token = await enrolmentToken(forUser);
    const options = await post('/api/v1/oauth/passkeys/registration/options', { token });
    expect(options.statusCode).toBe(200);
    const verify = await post('/api/v1/oauth/passkeys/registration/verify', { token, credential: device.register(options.json()) });
    expect(verify.statusCode).toBe(201);
    expect(verify.json()).toEqual({ credential_id: device.id, user_id: forUser.id });
  }

  /** The login ceremony; returns the session cookie, or the failed response. */
  async function login(device: SoftwareAuthenticator, overrides: { counter?: number; origin?: string } = {}, returnTo?: string) {
    const options = await post('/api/v1/oauth/passkeys/authentication/options', {});
    expect(options.statusCode).toBe(200);
    const challengeCookie = cookieOf(options, 'sp_webauthn');
    const res = await post('/api/v1/oauth/passkeys/authentication/verify', { credential: device.authenticate(options.json(), overrides), ...(returnTo ? { return_to: returnTo } : {}) }, challengeCookie);
    return { res, session: res.statusCode === 200 ? cookieOf(res, 'sp_session') : null };
  }

  function authorizeUrl(clientId: string, challenge: string, extra: Record<string, string> = {}): string {
    const params = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirect, scope: 'openid mcp:call', code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1', nonce: 'n-1', ...extra });
    return `/api/v1/oauth/authorize?${params.toString()}`;
  }

  function hiddenFields(html: string): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = m[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return fields;
  }

  beforeAll(async () => {
    t = await startOauthApp();
    user = await createUser(t);
    authenticator = new SoftwareAuthenticator(t.issuer, '127.0.0.1');
    await enrol(user, authenticator);
  });
  afterAll(async () => {
    await t.close();
  });

  it('only an admin issues enrolment links', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/oauth/enrolments', headers: bearer(user.token), payload: { user_id: user.id } });
    expect(res.statusCode).toBe(403);
    const bad = await t.inject({ method: 'POST', url: '/api/v1/oauth/enrolments', headers: bearer(t.adminToken), payload: { user_id: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toEqual(['user_id must be a UUID']);
  });

  it('an enrolment link works once', async () => {
    const other = await createUser(t);
    const token = await enrolmentToken(other);
    const device = new SoftwareAuthenticator(t.issuer, '127.0.0.1');
    const options = await post('/api/v1/oauth/passkeys/registration/options', { token });
    expect((await post('/api/v1/oauth/passkeys/registration/verify', { token, credential: device.register(options.json()) })).statusCode).toBe(201);
    const again = await post('/api/v1/oauth/passkeys/registration/options', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe('this enrolment link is invalid, expired or already used');
  });

  it('registration from another origin is refused', async () => {
    const other = await createUser(t);
    const token = await enrolmentToken(other);
    const options = await post('/api/v1/oauth/passkeys/registration/options', { token });
    const res = await post('/api/v1/oauth/passkeys/registration/verify', { token, credential: new SoftwareAuthenticator(t.issuer, '127.0.0.1').register(options.json(), 'https://phish.example') });
    expect(res.statusCode).toBe(401);
  });

  it('a browser without a session gets the login page, locked down', async () => {
    const reg = await registerClient(t, { redirect_uris: [redirect] });
    const res = await t.inject({ method: 'GET', url: authorizeUrl(reg.body.client_id as string, (await pkce()).challenge) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Sign in with a passkey');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('logs in with the passkey, shows consent to a third-party client, and issues a code after Allow', async () => {
    const reg = await registerClient(t, { redirect_uris: [redirect], client_name: 'Third <Party>' });
    const clientId = reg.body.client_id as string;
    const { verifier, challenge } = await pkce();
    const target = authorizeUrl(clientId, challenge);
    const { res, session } = await login(authenticator, {}, target);
    expect(res.json()).toEqual({ user_id: user.id, redirect: target });
    expect(res.headers['set-cookie']).toEqual(expect.stringMatching(/HttpOnly; SameSite=Lax/));

    const consent = await t.inject({ method: 'GET', url: target, headers: { cookie: session! } });
    expect(consent.statusCode).toBe(200);
    expect(consent.body).toContain('Allow Third &lt;Party&gt;?');
    expect(consent.body).toContain('<code>mcp:call</code>');
    expect(consent.headers['content-security-policy']).toContain('form-action \'self\' https://third-party.example');
    const fields = hiddenFields(consent.body);
    expect(fields.csrf).toEqual(expect.any(String));

    const forged = await t.inject({ method: 'POST', url: '/api/v1/oauth/authorize', headers: { cookie: session!, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, csrf: 'forged', decision: 'allow' }).toString() });
    expect(forged.statusCode).toBe(400);
    expect(forged.headers.location).toBeUndefined();
    // The token is bound to the request: it does not approve a wider scope.
    const widened = await t.inject({ method: 'POST', url: '/api/v1/oauth/authorize', headers: { cookie: session!, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, scope: 'openid mcp:call gateway:invoke', decision: 'allow' }).toString() });
    expect(widened.statusCode).toBe(400);

    const allowed = await t.inject({ method: 'POST', url: '/api/v1/oauth/authorize', headers: { cookie: session!, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, decision: 'allow' }).toString() });
    expect(allowed.statusCode).toBe(302);
    const location = new URL(allowed.headers.location as string);
    expect(location.searchParams.get('state')).toBe('st-1');
    const tokens = await t.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic(clientId, reg.body.client_secret as string) },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, code_verifier: verifier, redirect_uri: redirect }).toString(),
    });
    expect(tokens.statusCode).toBe(200);
    const idToken = JSON.parse(Buffer.from((tokens.json().id_token as string).split('.')[1]!, 'base64url').toString());
    expect(idToken).toMatchObject({ sub: user.id, nonce: 'n-1', aud: clientId });
    expect(Math.abs(idToken.auth_time - Date.now() / 1000)).toBeLessThan(120);
  });

  it('Deny sends access_denied back to the client', async () => {
    const reg = await registerClient(t, { redirect_uris: [redirect] });
    const { session } = await login(authenticator);
    const consent = await t.inject({ method: 'GET', url: authorizeUrl(reg.body.client_id as string, (await pkce()).challenge), headers: { cookie: session! } });
    const denied = await t.inject({ method: 'POST', url: '/api/v1/oauth/authorize', headers: { cookie: session!, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...hiddenFields(consent.body), decision: 'deny' }).toString() });
    expect(denied.statusCode).toBe(302);
    const location = new URL(denied.headers.location as string);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('a first-party client skips consent', async () => {
    const reg = await registerClient(t, { redirect_uris: [redirect], first_party: true }, t.adminToken);
    expect(reg.body.first_party).toBe(true);
    const { session } = await login(authenticator);
    const res = await t.inject({ method: 'GET', url: authorizeUrl(reg.body.client_id as string, (await pkce()).challenge), headers: { cookie: session! } });
    expect(res.statusCode).toBe(302);
    expect(new URL(res.headers.location as string).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('a counter that does not grow is refused (a cloned authenticator)', async () => {
    const before = authenticator.counter;
    expect((await login(authenticator)).res.statusCode).toBe(200);
    const same = await login(authenticator, { counter: before + 1 });
    expect(same.res.statusCode).toBe(401);
    expect(same.res.json().message).toMatch(/counter/);
    const lower = await login(authenticator, { counter: 1 });
    expect(lower.res.statusCode).toBe(401);
    expect((await login(authenticator, { counter: before + 10 })).res.statusCode).toBe(200);
  });

  it('an assertion for another origin, a replayed assertion and a challenge of another browser are refused', async () => {
    expect((await login(authenticator, { origin: 'https://phish.example' })).res.statusCode).toBe(401);

    const options = await post('/api/v1/oauth/passkeys/authentication/options', {});
    const cookie = cookieOf(options, 'sp_webauthn');
    const assertion = authenticator.authenticate(options.json());
    expect((await post('/api/v1/oauth/passkeys/authentication/verify', { credential: assertion }, cookie)).statusCode).toBe(200);
    const replay = await post('/api/v1/oauth/passkeys/authentication/verify', { credential: assertion }, cookie);
    expect(replay.statusCode).toBe(400);

    const mine = await post('/api/v1/oauth/passkeys/authentication/options', {});
    const theirs = await post('/api/v1/oauth/passkeys/authentication/options', {});
    const crossed = await post('/api/v1/oauth/passkeys/authentication/verify', { credential: authenticator.authenticate(mine.json()) }, cookieOf(theirs, 'sp_webauthn'));
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().message).toMatch(/another browser/);
  });

  it('return_to may only point at this server\'s authorize endpoint', async () => {
    const { res } = await login(authenticator, {}, 'https://evil.example/');
    expect(res.statusCode).toBe(400);
  });

  it('a forged session cookie is no session', async () => {
    const reg = await registerClient(t, { redirect_uris: [redirect] });
    const { session } = await login(authenticator);
    const forged = session!.replace(/\.[^.]+$/, '.AAAA');
    const res = await t.inject({ method: 'GET', url: authorizeUrl(reg.body.client_id as string, (await pkce()).challenge), headers: { cookie: forged } });
    expect(res.body).toContain('Sign in with a passkey');
  });
});
