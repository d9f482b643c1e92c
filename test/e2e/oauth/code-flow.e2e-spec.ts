import * as client from 'openid-client';
import { DataSource as DataSourceToken } from 'typeorm';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { authorizeWithBearer, basic, insecure, type OauthTestApp, pkce, postForm, startOauthApp } from './oauth-fixture';

/**
 * openid-client v6 as the relying party, end to end: discovery, dynamic registration, the code
 * flow with PKCE (the user is a bearer PAT at /authorize, redirects not followed), userinfo,
 * refresh rotation with reuse detection, revocation, introspection and client credentials.
 */
describe('OAuth 2.1 / OIDC with openid-client (e2e)', () => {
  let t: OauthTestApp;
  let user: CreatedUser;
  let rp: client.Configuration;
  const registered = 'http://127.0.0.1/callback';
  // A native app picks its port at run time (RFC 8252 §7.3): any port matches the registration.
  const redirectUri = 'http://127.0.0.1:48123/callback';
  const scope = 'openid profile email offline_access gateway:invoke';

  beforeAll(async () => {
    t = await startOauthApp();
    user = await createUser(t, { role: 'developer' });
    rp = await client.dynamicClientRegistration(
      new URL(t.issuer),
      { redirect_uris: [registered], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'client_secret_basic', client_name: 'Test RP', scope },
      client.ClientSecretBasic(),
      insecure,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function signIn(): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
    const { verifier, challenge } = await pkce();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: redirectUri, scope, code_challenge: challenge, code_challenge_method: 'S256', state, nonce });
    const res = await fetch(url, { headers: bearer(user.token), redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('iss')).toBe(t.issuer);
    return client.authorizationCodeGrant(rp, location, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  }

  it('publishes OIDC discovery, RFC 8414 and RFC 9728 metadata that agree', async () => {
    const server = rp.serverMetadata();
    expect(server.issuer).toBe(t.issuer);
    expect(server.code_challenge_methods_supported).toEqual(['S256']);
    expect(server.token_endpoint).toBe(`${t.issuer}/api/v1/oauth/token`);
    const rfc8414 = await (await fetch(`${t.url}/.well-known/oauth-authorization-server`)).json();
    expect(rfc8414).toEqual(await (await fetch(`${t.url}/.well-known/openid-configuration`)).json());
    const resource = (await (await fetch(`${t.url}/.well-known/oauth-protected-resource`)).json()) as Record<string, unknown>;
    expect(resource).toMatchObject({ resource: `${t.issuer}/api/v1/mcp`, authorization_servers: [t.issuer] });
    const perServer = await fetch(`${t.url}/.well-known/oauth-protected-resource/api/v1/mcp/files/mcp`);
    expect(((await perServer.json()) as { resource: string }).resource).toBe(`${t.issuer}/api/v1/mcp/files/mcp`);
    expect((await fetch(`${t.url}/.well-known/oauth-protected-resource/elsewhere`)).status).toBe(404);
    const jwks = (await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) })]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/);
  });

  it('registers dynamically: a confidential client gets a secret, stored only hashed', async () => {
    const metadata = rp.clientMetadata();
    expect(metadata.client_id).toMatch(/^[0-9a-f]{32}$/);
    expect(metadata.client_secret).toEqual(expect.any(String));
    const stored = await t.app.get(DataSourceToken).query('SELECT secret_hash FROM oauth_clients WHERE id = $1', [metadata.client_id]);
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].secret_hash).not.toContain(metadata.client_secret);
  });

  it('runs the code flow with PKCE: id_token with sub, aud, nonce, auth_time; access token usable everywhere', async () => {
    const tokens = await signIn();
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: t.issuer, sub: user.id, aud: rp.clientMetadata().client_id, email: user.email });
    expect(claims.auth_time).toEqual(expect.any(Number));
    expect(claims.nonce).toEqual(expect.any(String));
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.scope).toBe(scope);
    const header = JSON.parse(Buffer.from(tokens.access_token.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'ES256', kid: expect.any(String), typ: 'at+jwt' });
    const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ sub: user.id, role: 'developer', scope, pk: 'user', cid: rp.clientMetadata().client_id, sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const me = await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(tokens.access_token) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(user.id);
    const models = await fetch(`${t.url}/v1/models`, { headers: { 'x-api-key': tokens.access_token } });
    expect(models.status).toBe(200);
  });

  it('serves userinfo for the access token', async () => {
    const tokens = await signIn();
    const info = await client.fetchUserInfo(rp, tokens.access_token, tokens.claims()!.sub);
    expect(info).toMatchObject({ sub: user.id, email: user.email, role: 'developer' });
    const anonymous = await fetch(`${t.url}/api/v1/oauth/userinfo`);
    expect(anonymous.status).toBe(401);
  });

  it('rotates refresh tokens; reusing an old one fails and kills the whole family', async () => {
    const first = await signIn();
    const second = await client.refreshTokenGrant(rp, first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    const third = await client.refreshTokenGrant(rp, second.refresh_token!);

    await expect(client.refreshTokenGrant(rp, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The newest refresh token of the family is refused too, and so are its access tokens.
    await expect(client.refreshTokenGrant(rp, third.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(third.access_token) })).status).toBe(401);
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(first.access_token) })).status).toBe(401);
  });

  it('revokes (RFC 7009); introspection (RFC 7662) then says inactive and the gateway refuses the token', async () => {
    const tokens = await signIn();
    const before = await client.tokenIntrospection(rp, tokens.access_token);
    expect(before).toMatchObject({ active: true, sub: user.id, client_id: rp.clientMetadata().client_id, token_type: 'Bearer' });
    const refreshBefore = await client.tokenIntrospection(rp, tokens.refresh_token!);
    expect(refreshBefore).toMatchObject({ active: true, token_type: 'refresh_token' });

    await client.tokenRevocation(rp, tokens.access_token);
    expect(await client.tokenIntrospection(rp, tokens.access_token)).toEqual({ active: false });
    expect(await client.tokenIntrospection(rp, tokens.refresh_token!)).toEqual({ active: false });
    expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(tokens.access_token) })).status).toBe(401);
    await expect(client.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('introspection needs an authenticated client', async () => {
    const tokens = await signIn();
    const anonymous = await postForm(t, 'introspect', { token: tokens.access_token });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: 'invalid_client', error_description: 'client authentication is required' });
    const wrong = await postForm(t, 'introspect', { token: tokens.access_token }, basic(rp.clientMetadata().client_id, 'not-the-secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('issues client_credentials tokens to a confidential client registered by an admin', async () => {
    const denied = await client
      .dynamicClientRegistration(new URL(t.issuer), { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post', scope: 'gateway:invoke' }, undefined, insecure)
      .then(() => 'registered', (err: { error?: string }) => err.error);
    expect(denied).toBe('invalid_client_metadata');

    const service = await client.dynamicClientRegistration(
      new URL(t.issuer),
      { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post', scope: 'gateway:invoke mcp:call', client_name: 'batch job' },
      client.ClientSecretPost(),
      { ...insecure, initialAccessToken: t.adminToken },
    );
    const tokens = await client.clientCredentialsGrant(service, { scope: 'gateway:invoke' });
    expect(tokens.scope).toBe('gateway:invoke');
    expect(tokens.refresh_token).toBeUndefined();
    const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ sub: service.clientMetadata().client_id, pk: 'service', role: 'user', cid: service.clientMetadata().client_id });
    expect((await fetch(`${t.url}/v1/models`, { headers: bearer(tokens.access_token) })).status).toBe(200);
    await expect(client.clientCredentialsGrant(service, { scope: 'users:admin' })).rejects.toMatchObject({ error: 'invalid_scope' });
    // A code-flow client may not use the grant.
    await expect(client.clientCredentialsGrant(rp)).rejects.toMatchObject({ error: 'unauthorized_client' });

    // A JSON body's null parameter counts as omitted (RFC 6749 §3.1): it was a 500 for `resource` (found by the fuzz run).
    const { client_id, client_secret } = service.clientMetadata();
    const withNulls = await t.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/json' }, payload: { grant_type: 'client_credentials', client_id, client_secret, resource: null, scope: null } });
    expect(withNulls.statusCode).toBe(200);
    expect(JSON.parse(Buffer.from(withNulls.json().access_token.split('.')[1], 'base64url').toString()).aud).toBe(JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString()).aud);
    const nullGrant = await t.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/json' }, payload: { grant_type: null, client_id, client_secret } });
    expect(nullGrant.statusCode).toBe(400);
    expect(nullGrant.json()).toMatchObject({ error: expect.stringMatching(/^(invalid_request|unsupported_grant_type)$/) });
  });

  it('a public client (none) uses PKCE without a secret', async () => {
    const reg = await client.dynamicClientRegistration(new URL(t.issuer), { redirect_uris: [registered], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] }, client.None(), insecure);
    expect(reg.clientMetadata().client_secret).toBeUndefined();
    const { verifier, challenge } = await pkce();
    const res = await authorizeWithBearer(t, { response_type: 'code', client_id: reg.clientMetadata().client_id, redirect_uri: redirectUri, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', state: 's1' }, user.token);
    expect(res.status).toBe(302);
    const tokens = await client.authorizationCodeGrant(reg, new URL(res.location!), { pkceCodeVerifier: verifier, expectedState: 's1' });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.refresh_token).toBeUndefined();
  });
});
