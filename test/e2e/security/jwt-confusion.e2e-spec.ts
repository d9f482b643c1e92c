import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, type JWK, SignJWT } from 'jose';
import { bearer } from '../../factories/user.factory';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../utils/test-app';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * JWT algorithm confusion: every token below claims to be the admin, and none was signed with a
 * key the gateway trusts for its algorithm. Each is refused with 401 on every surface, and a
 * key URL in a token header is never fetched. The control token, signed as the gateway signs,
 * is accepted: the refusals are about the signature, not the claims.
 */
describe('JWT algorithm confusion is refused (e2e)', () => {
  let t: TestApp;
  let claims: Record<string, unknown>;
  let jwk: JWK & { kid: string; x: string; y: string };
  let keyServer: Server;
  let keyUrl: string;
  const keyFetches: string[] = [];

  beforeAll(async () => {
    // Many deliberate failures: a private counter store, and a limit they do not reach.
    t = await createTestApp({ redis: false, profile: 'security:\n  auth_failures_per_minute: 1000\n' });
    const me = (await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(t.adminToken) })).json() as { id: string; tenant_id: string };
    claims = { sub: me.id, tid: me.tenant_id, role: 'admin', sid: 'sess-jwt-test', pk: 'user' };
    jwk = ((await t.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: (typeof jwk)[] }).keys[0]!;
    keyServer = createServer((req, res) => {
      keyFetches.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [] }));
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    keyUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => keyServer.close(resolve));
  });

  const signed = (alg: string, key: Uint8Array | Parameters<SignJWT['sign']>[0], header: Record<string, unknown> = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...header }).setIssuer('systemprompt').setAudience('systemprompt').setJti(randomUUID()).setIssuedAt().setExpirationTime('5m').sign(key);

  /** A token with any header and an empty or arbitrary signature (what `alg: none` looks like). */
  const unsigned = (header: Record<string, unknown>, signature = '') => {
    const now = Math.floor(Date.now() / 1000);
    return `${b64url(header)}.${b64url({ ...claims, iss: 'systemprompt', aud: 'systemprompt', jti: randomUUID(), iat: now, exp: now + 300 })}.${signature}`;
  };

  async function attacks(): Promise<Record<string, string>> {
    const publicKey = createPublicKey({ key: jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const rawXY = Buffer.concat([Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    const encode = (s: string | Buffer) => new Uint8Array(typeof s === 'string' ? Buffer.from(s) : s);
    const attackerEc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const attackerRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const attackerJwk = await exportJWK(attackerEc.publicKey);
    return {
      'alg none': unsigned({ alg: 'none', typ: 'JWT' }),
      'alg None': unsigned({ alg: 'None', typ: 'JWT' }),
      'alg NONE with the real kid': unsigned({ alg: 'NONE', kid: jwk.kid }),
      'alg none with a signature': unsigned({ alg: 'none' }, b64url('x'.repeat(32))),
      'no alg at all': unsigned({ typ: 'JWT' }, b64url('x'.repeat(32))),
      'HS256 keyed with the JWKS public key (PEM)': await signed('HS256', encode(pem)),
      'HS256 keyed with the JWKS public key (PEM), real kid': await signed('HS256', encode(pem), { kid: jwk.kid }),
      'HS256 keyed with the JWKS public key (DER), real kid': await signed('HS256', encode(der), { kid: jwk.kid }),
      'HS256 keyed with the JWK JSON': await signed('HS256', encode(JSON.stringify(jwk))),
      'HS256 keyed with the raw x||y point, real kid': await signed('HS256', encode(rawXY), { kid: jwk.kid }),
      'HS512 keyed with the JWKS public key (PEM)': await signed('HS512', encode(pem)),
      'HS256 keyed with the gateway secret but carrying a kid': await signed('HS256', encode(TEST_JWT_SECRET), { kid: jwk.kid }),
      'HS384 keyed with the gateway secret': await signed('HS384', encode(TEST_JWT_SECRET)),
      'ES256 with the real kid, signed by another key': await signed('ES256', attackerEc.privateKey, { kid: jwk.kid }),
      'RS256 with the real kid, signed by a random RSA key': await signed('RS256', attackerRsa.privateKey, { kid: jwk.kid }),
      'RS256 without kid, signed by a random RSA key': await signed('RS256', attackerRsa.privateKey),
      'ES256 with the attacker key embedded (jwk header)': await signed('ES256', attackerEc.privateKey, { jwk: attackerJwk }),
      'ES256 with the attacker key embedded and the real kid': await signed('ES256', attackerEc.privateKey, { jwk: attackerJwk, kid: jwk.kid }),
      'ES256 with a jku to an attacker key set': await signed('ES256', attackerEc.privateKey, { jku: keyUrl, kid: 'attacker' }),
      'ES256 with an x5u to an attacker certificate': await signed('ES256', attackerEc.privateKey, { x5u: keyUrl, kid: 'attacker' }),
      'a kid that is a path': await signed('ES256', attackerEc.privateKey, { kid: '../../../../dev/null' }),
    };
  }

  it('the control: a token signed as the gateway signs is accepted', async () => {
    const token = await signed('HS256', new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
  });

  it('every confused token is 401 in the REST shape', async () => {
    for (const [name, token] of Object.entries(await attacks())) {
      const res = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(token) });
      expect({ name, status: res.statusCode, body: res.json() }).toEqual({ name, status: 401, body: { statusCode: 401, error: 'Unauthorized', message: expect.any(String), trace_id: expect.any(String) } });
    }
  });

  it('every confused token is 401 authentication_error on /v1/*, whether sent as bearer or x-api-key', async () => {
    const body = { model: 'claude-x', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
    for (const [name, token] of Object.entries(await attacks())) {
      for (const headers of [bearer(token), { 'x-api-key': token }]) {
        const res = await t.inject({ method: 'POST', url: '/v1/messages', headers, payload: body });
        expect({ name, status: res.statusCode, body: res.json() }).toEqual({ name, status: 401, body: { type: 'error', error: { type: 'authentication_error', message: expect.any(String) } } });
      }
    }
  });

  it('every confused token is 401 on the MCP endpoint, naming where to get a real one', async () => {
    for (const [name, token] of Object.entries(await attacks())) {
      const res = await t.inject({ method: 'POST', url: '/api/v1/mcp/anything/mcp', headers: { ...bearer(token), accept: 'application/json, text/event-stream' }, payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 401 });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer resource_metadata="/);
    }
  });

  it('no key URL from a token header was ever fetched', () => {
    expect(keyFetches).toEqual([]);
  });
});
