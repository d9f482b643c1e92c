import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { Clock } from '../../../src/common/clock/clock.provider';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { authorizeWithBearer, basic, type OauthTestApp, pkce, postForm, registerClient, startOauthApp } from './oauth-fixture';

interface Client {
  id: string;
  secret: string;
}

/** What an attacker tries against the authorization server, each refused with the RFC error. */
describe('OAuth attacks refused (e2e)', () => {
  let t: OauthTestApp;
  let user: CreatedUser;
  let alice: Client;
  let mallory: Client;
  const redirect = 'https://client.example/cb';

  async function newClient(): Promise<Client> {
    const reg = await registerClient(t, { redirect_uris: [redirect], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'client_secret_basic', scope: 'openid gateway:invoke mcp:call' });
    expect(reg.status).toBe(201);
    return { id: reg.body.client_id as string, secret: reg.body.client_secret as string };
  }

  /** A fresh code for `c`, and the verifier that goes with it. */
  async function code(c: Client, extra: Record<string, string> = {}): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = await pkce();
    const res = await authorizeWithBearer(t, { response_type: 'code', client_id: c.id, redirect_uri: redirect, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', state: 'st', ...extra }, user.token);
    expect(res.status).toBe(302);
    const location = new URL(res.location!);
    expect(location.searchParams.get('state')).toBe('st');
    return { code: location.searchParams.get('code')!, verifier };
  }

  const redeem = (c: Client, form: Record<string, string>) => postForm(t, 'token', { grant_type: 'authorization_code', redirect_uri: redirect, ...form }, basic(c.id, c.secret));

  beforeAll(async () => {
    t = await startOauthApp();
    user = await createUser(t);
    alice = await newClient();
    mallory = await newClient();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the honest exchange works (baseline for every refusal below)', async () => {
    const c = await code(alice);
    const res = await redeem(alice, { code: c.code, code_verifier: c.verifier });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), refresh_token: expect.any(String), id_token: expect.any(String) });
  });

  it('an RFC 8707 resource on this server is added to the audience; a different one at the token endpoint is invalid_target', async () => {
    const resource = `${t.issuer}/api/v1/mcp/files/mcp`;
    const c = await code(alice, { resource });
    const mismatch = await code(alice, { resource });
    const res = await redeem(alice, { code: c.code, code_verifier: c.verifier, resource });
    const claims = JSON.parse(Buffer.from((res.body.access_token as string).split('.')[1]!, 'base64url').toString());
    expect(claims.aud).toEqual(['systemprompt', resource]);
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(res.body.access_token as string) })).status).toBe(200);
    const wrong = await redeem(alice, { code: mismatch.code, code_verifier: mismatch.verifier, resource: `${t.issuer}/api/v1/mcp/other/mcp` });
    expect(wrong.body.error).toBe('invalid_target');
  });

  it('a wrong code_verifier is invalid_grant', async () => {
    const c = await code(alice);
    const other = await pkce();
    const res = await redeem(alice, { code: c.code, code_verifier: other.verifier });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' });
  });

  it('the plain method, a missing challenge and a non-code response type are redirected back as errors', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ code_challenge_method: 'plain' }, 'invalid_request', 'code_challenge_method must be S256'],
      [{ code_challenge_method: '' }, 'invalid_request', 'code_challenge_method must be S256'],
      [{ code_challenge: '' }, 'invalid_request', 'code_challenge must be 43 base64url characters'],
      [{ response_type: 'token' }, 'unsupported_response_type', 'response_type must be code'],
      [{ scope: 'openid world:domination' }, 'invalid_scope', 'unknown scope world:domination'],
      [{ resource: 'https://elsewhere.example/mcp' }, 'invalid_target', 'resource https://elsewhere.example/mcp is not served here'],
    ];
    for (const [override, error, description] of cases) {
      const { challenge } = await pkce();
      const params = { response_type: 'code', client_id: alice.id, redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', state: 'x', ...override };
      const res = await authorizeWithBearer(t, params, user.token);
      expect(res.status).toBe(302);
      const location = new URL(res.location!);
      expect(`${location.origin}${location.pathname}`).toBe(redirect);
      expect(Object.fromEntries(location.searchParams)).toEqual({ error, error_description: description, state: 'x', iss: t.issuer });
    }
  });

  it('a code is single use; replaying it fails and revokes what the first exchange issued', async () => {
    const c = await code(alice);
    const first = await redeem(alice, { code: c.code, code_verifier: c.verifier });
    expect(first.status).toBe(200);
    const replay = await redeem(alice, { code: c.code, code_verifier: c.verifier });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(first.body.access_token as string) })).status).toBe(401);
    const refresh = await postForm(t, 'token', { grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string }, basic(alice.id, alice.secret));
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('two concurrent redemptions of one code: exactly one wins, and the replay revokes what it won', async () => {
    // However the two interleave, the loser finds the winner's grant and revokes it (RFC 6749
    // §4.1.2), as a replay after the fact does. Several rounds to vary the interleaving.
    for (let round = 0; round < 8; round++) {
      const c = await code(alice);
      const results = await Promise.all([redeem(alice, { code: c.code, code_verifier: c.verifier }), redeem(alice, { code: c.code, code_verifier: c.verifier })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      const winner = results.find((r) => r.status === 200)!;
      expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(winner.body.access_token as string) })).status).toBe(401);
      const refresh = await postForm(t, 'token', { grant_type: 'refresh_token', refresh_token: winner.body.refresh_token as string }, basic(alice.id, alice.secret));
      expect(refresh.body.error).toBe('invalid_grant');
    }
  });

  it("another client cannot redeem alice's code", async () => {
    const c = await code(alice);
    const res = await redeem(mallory, { code: c.code, code_verifier: c.verifier });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'the authorization code was issued to another client' });
  });

  it('a redirect_uri differing at the token endpoint is invalid_grant', async () => {
    const c = await code(alice);
    const res = await redeem(alice, { code: c.code, code_verifier: c.verifier, redirect_uri: 'https://client.example/other' });
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'redirect_uri does not match the authorization request' });
  });

  it('an unregistered redirect_uri or unknown client is a 400 page, never a redirect', async () => {
    const { challenge } = await pkce();
    const base = { response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' };
    for (const params of [
      { ...base, client_id: alice.id, redirect_uri: 'https://attacker.example/cb' },
      { ...base, client_id: alice.id, redirect_uri: 'https://client.example/cb/../evil' },
      { ...base, client_id: 'no-such-client', redirect_uri: redirect },
    ]) {
      const res = await authorizeWithBearer(t, params, user.token);
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.body).toContain('Authorization error');
      expect(res.body).not.toContain('attacker.example');
    }
  });

  it('an expired code is refused (the injectable clock moves past its 60 s)', async () => {
    const c = await code(alice);
    const clock = t.get<Clock>(Clock);
    const now = Date.now() + 61_000;
    const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
    try {
      const res = await redeem(alice, { code: c.code, code_verifier: c.verifier });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'the authorization code has expired' });
    } finally {
      spy.mockRestore();
    }
  });

  it('bad client authentication and unsupported grants get their RFC 6749 errors', async () => {
    const wrongSecret = await postForm(t, 'token', { grant_type: 'authorization_code', code: 'x', code_verifier: 'y', redirect_uri: redirect }, basic(alice.id, 'wrong'));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
    const wrongMethod = await postForm(t, 'token', { grant_type: 'authorization_code', client_id: alice.id, client_secret: alice.secret, code: 'x' });
    expect(wrongMethod.body).toEqual({ error: 'invalid_client', error_description: 'this client authenticates with client_secret_basic' });
    const password = await postForm(t, 'token', { grant_type: 'password', username: 'u', password: 'p' }, basic(alice.id, alice.secret));
    expect(password.status).toBe(400);
    expect(password.body.error).toBe('unsupported_grant_type');
    const missing = await postForm(t, 'token', {}, basic(alice.id, alice.secret));
    expect(missing.body.error).toBe('invalid_request');
  });

  it('refuses a token signed with a foreign kid, and alg none, everywhere', async () => {
    const good = await redeem(alice, await code(alice).then((c) => ({ code: c.code, code_verifier: c.verifier })));
    const claims = JSON.parse(Buffer.from((good.body.access_token as string).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'attacker-key', typ: 'at+jwt' }).sign(privateKey);
    const realKid = JSON.parse(Buffer.from((good.body.access_token as string).split('.')[0]!, 'base64url').toString()).kid as string;
    const impostor = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: realKid }).sign(privateKey);
    const none = new UnsecuredJWT(claims).encode();
    const noneWithKid = `${Buffer.from(JSON.stringify({ alg: 'none', kid: realKid })).toString('base64url')}.${none.split('.')[1]}.`;
    for (const token of [foreign, impostor, none, noneWithKid]) {
      expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(token) })).status).toBe(401);
      expect((await fetch(`${t.url}/api/v1/oauth/userinfo`, { headers: bearer(token) })).status).toBe(401);
      const introspection = await postForm(t, 'introspect', { token }, basic(alice.id, alice.secret));
      expect(introspection.body).toEqual({ active: false });
    }
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(good.body.access_token as string) })).status).toBe(200);
  });

  it('an id_token is not an access token', async () => {
    const good = await redeem(alice, await code(alice).then((c) => ({ code: c.code, code_verifier: c.verifier })));
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(good.body.id_token as string) })).status).toBe(401);
  });

  it('a scoped PAT at /authorize cannot obtain more than it holds', async () => {
    const narrow = await createUser(t, { role: 'developer' }, ['mcp:call']);
    const { verifier, challenge } = await pkce();
    const res = await authorizeWithBearer(t, { response_type: 'code', client_id: alice.id, redirect_uri: redirect, scope: 'openid gateway:invoke mcp:call', code_challenge: challenge, code_challenge_method: 'S256' }, narrow.token);
    const tokens = await redeem(alice, { code: new URL(res.location!).searchParams.get('code')!, code_verifier: verifier });
    expect(tokens.body.scope).toBe('openid mcp:call');
  });

  it('registration refuses unsafe redirect URIs and unknown scopes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ redirect_uris: ['http://evil.example/cb'] }, 'invalid_redirect_uri'],
      [{ redirect_uris: ['javascript:alert(1)'] }, 'invalid_redirect_uri'],
      [{ redirect_uris: [] }, 'invalid_redirect_uri'],
      [{ redirect_uris: [redirect], scope: 'openid users:everything' }, 'invalid_client_metadata'],
      [{ redirect_uris: [redirect], token_endpoint_auth_method: 'private_key_jwt' }, 'invalid_client_metadata'],
      [{ redirect_uris: [redirect], first_party: true }, ''],
    ];
    for (const [metadata, error] of cases) {
      const res = await registerClient(t, metadata);
      if (error === '') {
        // Anyone may ask; only an authorized registration is made first-party.
        expect(res.status).toBe(201);
        expect(res.body.first_party).toBe(false);
        continue;
      }
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(error);
    }
  });
});
