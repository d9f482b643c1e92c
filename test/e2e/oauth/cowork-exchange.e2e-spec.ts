import { GatewayRepository } from '../../../src/cowork/gateway.repository';
import { BearerExchangeProvider } from '../../../src/cowork/providers/bearer-exchange.provider';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { type OauthTestApp, startOauthApp } from './oauth-fixture';

const PREFIXES = ['/v1/gateway/auth/cowork', '/v1/auth/bridge'];
const IDENTITY_HEADERS = ['x-user-id', 'x-session-id', 'x-trace-id', 'x-client-id', 'x-tenant-id', 'x-policy-version', 'x-call-source'];

/** The credential helper's exchange, against the real gateway and through the helper's own client code. */
describe('cowork credential exchange (e2e)', () => {
  let t: OauthTestApp;
  let user: CreatedUser;

  beforeAll(async () => {
    t = await startOauthApp();
    user = await createUser(t, { role: 'developer' });
  });
  afterAll(async () => {
    await t.close();
  });

  const exchange = (prefix: string, credential?: string) =>
    t.inject({ method: 'POST', url: `${prefix}/pat`, headers: { 'content-type': 'application/json', 'x-trace-id': 'trace-cowork-0001', ...(credential ? bearer(credential) : {}) }, payload: {} });

  it.each(PREFIXES)('%s/pat turns a PAT into {token, ttl, headers}; the token works on /v1/models', async (prefix) => {
    const res = await exchange(prefix, user.token);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { token: string; ttl: number; headers: Record<string, string> };
    expect(Object.keys(body).sort()).toEqual(['headers', 'token', 'ttl']);
    expect(body.ttl).toBe(3600);
    expect(Object.keys(body.headers).sort()).toEqual([...IDENTITY_HEADERS].sort());
    expect(body.headers).toMatchObject({ 'x-user-id': user.id, 'x-trace-id': 'trace-cowork-0001', 'x-client-id': 'cowork', 'x-call-source': 'cowork', 'x-policy-version': expect.stringMatching(/^[0-9a-f]{16}$/) });
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: user.id, ptk: user.tokenId, role: 'developer' });
    expect(claims.exp - claims.iat).toBe(3600);
    const models = await t.inject({ method: 'GET', url: '/v1/models', headers: { 'x-api-key': body.token, ...body.headers } });
    expect(models.statusCode).toBe(200);
    // The same policy version governance stamps on its decisions.
    const decision = await t.inject({ method: 'POST', url: '/api/v1/governance/evaluate', headers: bearer(user.token), payload: { tool_name: 'Read', tool_input: { file_path: '/tmp/x' } } });
    expect(decision.json()).toMatchObject({ policy_version: body.headers['x-policy-version'] });
  });

  it('revoking the PAT refuses its exchanged token at once', async () => {
    const owner = await createUser(t);
    const { token } = (await exchange(PREFIXES[0]!, owner.token)).json() as { token: string };
    expect((await t.inject({ method: 'GET', url: '/v1/models', headers: bearer(token) })).statusCode).toBe(200);
    const revoked = await t.inject({ method: 'DELETE', url: `/api/v1/users/${owner.id}/tokens/${owner.tokenId}`, headers: bearer(t.adminToken) });
    expect(revoked.statusCode).toBe(204);
    const after = await t.inject({ method: 'GET', url: '/v1/models', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'Invalid, expired or revoked credential' } });
    expect((await exchange(PREFIXES[0]!, owner.token)).statusCode).toBe(401);
  });

  it('needs a PAT: nothing is a 401, a JWT is not exchangeable (Anthropic error shape)', async () => {
    const none = await exchange(PREFIXES[0]!);
    expect(none.statusCode).toBe(401);
    expect(none.json().type).toBe('error');
    const { token } = (await exchange(PREFIXES[0]!, user.token)).json() as { token: string };
    const jwt = await exchange(PREFIXES[0]!, token);
    expect(jwt.statusCode).toBe(401);
    expect(jwt.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'send a personal access token (sp-live-…) as the bearer credential' } });
  });

  it.each(PREFIXES.flatMap((p) => [`${p}/session`, `${p}/mtls`]))('%s answers 501 with a JSON reason', async (url) => {
    const res = await t.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...bearer('session-secret') }, payload: {} });
    expect(res.statusCode).toBe(501);
    expect(res.json()).toEqual({ error: 'not_implemented', message: expect.stringContaining('not available yet') });
  });

  it.each(PREFIXES)('%s/capabilities lists the modes', async (prefix) => {
    const res = await t.inject({ method: 'GET', url: `${prefix}/capabilities` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ modes: ['pat'] });
  });

  it("the helper's own providers work against this gateway: pat succeeds, session falls through on 501", async () => {
    const gateway = new GatewayRepository(t.url);
    try {
      const issued = await new BearerExchangeProvider('pat', user.token).exchange(gateway);
      expect(issued.ttl).toBe(3600);
      expect(issued.headers['x-user-id']).toBe(user.id);
      await expect(new BearerExchangeProvider('session', 'session-secret').exchange(gateway)).rejects.toThrow(/HTTP 501: not_implemented/);
    } finally {
      await gateway.close();
    }
  });
});
