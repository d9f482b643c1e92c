import * as client from 'openid-client';
import { bearer, createUser } from '../../factories/user.factory';
import { insecure, type OauthTestApp, registerClient, startOauthApp } from './oauth-fixture';

const IAT = 'initial-access-token-0123456789abcdef';

/** RFC 7591 registration when the profile requires an initial access token. */
describe('dynamic client registration with an initial access token (e2e)', () => {
  let t: OauthTestApp;

  beforeAll(async () => {
    t = await startOauthApp({ oauth: '  registration_token_secret: dcr\n', env: { SYSTEMPROMPT_SECRET_DCR: IAT } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a registration without the token, or with a wrong one, before looking at the metadata', async () => {
    for (const token of [undefined, 'wrong-token']) {
      const res = await registerClient(t, { redirect_uris: ['http://evil.example/cb'] }, token);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_token');
    }
    const user = await createUser(t);
    expect((await registerClient(t, { redirect_uris: ['https://rp.example/cb'] }, user.token)).status).toBe(401);
  });

  it('accepts the token through openid-client, allowing client_credentials and first-party clients', async () => {
    const rp = await client.dynamicClientRegistration(
      new URL(t.issuer),
      { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'mcp:call', first_party: true },
      client.ClientSecretBasic(),
      { ...insecure, initialAccessToken: IAT },
    );
    expect(rp.clientMetadata()).toMatchObject({ first_party: true, grant_types: ['client_credentials'] });
    const tokens = await client.clientCredentialsGrant(rp);
    expect(tokens.scope).toBe('mcp:call');
  });

  it('an admin credential also authorizes a registration', async () => {
    const res = await registerClient(t, { redirect_uris: ['https://rp.example/cb'] }, t.adminToken);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code'], response_types: ['code'], client_secret_expires_at: 0 });
  });

  it('names each bad metadata field (invalid_client_metadata)', async () => {
    const res = await registerClient(t, { redirect_uris: 'https://rp.example/cb', token_endpoint_auth_method: 'tls_client_auth', grant_types: ['implicit'] }, IAT);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client_metadata');
    for (const field of ['redirect_uris', 'token_endpoint_auth_method', 'grant_types']) expect(res.body.error_description).toContain(field);
  });

  it('ignores unknown metadata, as RFC 7591 requires', async () => {
    const res = await registerClient(t, { redirect_uris: ['https://rp.example/cb'], tos_uri: 'https://rp.example/tos', software_statement: 'x' }, IAT);
    expect(res.status).toBe(201);
    expect(res.body.tos_uri).toBeUndefined();
  });

  it('/register is not a bearer-protected route: the guard does not demand a credential', async () => {
    const res = await fetch(`${t.url}/api/v1/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(IAT) }, body: JSON.stringify({ redirect_uris: ['https://rp.example/cb'] }) });
    expect(res.status).toBe(201);
  });
});
