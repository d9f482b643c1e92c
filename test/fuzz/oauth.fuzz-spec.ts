import fc from 'fast-check';
import { bearer } from '../factories/user.factory';
import { createTestApp, type TestApp } from '../utils/test-app';
import { authorization, DROP, type EncodedBody, encodedBody, extraQuery, field, type FuzzRequest, type Maybe, nastyString, nastyValue, nearValid, oddHeaders, queryString, someUrl, withBody, withQuery } from './support/arbitraries';
import { FAMILY_TIMEOUT_MS, FUZZ_LIMITS_PROFILE, INPUTS_PER_FAMILY } from './support/fuzz-app';
import { createTally, expectHealthy, fuzzFamily, reportTally, watchUnhandledRejections } from './support/fuzz-harness';

/**
 * The OAuth endpoints under generated input: `POST /token`, `GET /authorize` and `POST /register`.
 * Errors are RFC 6749/7591 bodies `{error, error_description}` (or the REST shape before the
 * handler), the authorization endpoint may answer with a page; and it never redirects anywhere
 * but a registered redirect URI.
 */

const REDIRECT = 'http://127.0.0.1:9/callback';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const uri = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(REDIRECT, 'http://localhost/cb', 'https://app.example/cb', 'http://127.0.0.1:9/callback/../evil') },
  { weight: 2, arbitrary: fc.constantFrom('javascript:alert(1)', 'data:text/html,<b>x</b>', '/relative', 'https://app.example/cb#frag', 'http://evil.example/cb', 'com.example.app:/cb', 'http://[::1', 'https://user:pw@app.example/cb', '') },
  { weight: 1, arbitrary: someUrl },
  { weight: 1, arbitrary: nastyString },
);

const registerBody = nearValid({
  redirect_uris: field(fc.array(uri, { maxLength: 3 }), 4),
  token_endpoint_auth_method: field(fc.constantFrom('none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'), 1),
  grant_types: field(fc.array(fc.constantFrom('authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password'), { maxLength: 3 }), 1),
  response_types: field(fc.array(fc.constantFrom('code', 'token', 'id_token'), { maxLength: 2 }), 1),
  client_name: field(fc.oneof(fc.constantFrom('Fuzz Client'), nastyString), 2),
  scope: field(fc.constantFrom('openid profile', 'openid gateway:invoke mcp:call', 'users:admin', 'made:up'), 1),
  client_uri: field(uri, 1),
  logo_uri: field(uri, 1),
  contacts: field(fc.array(fc.emailAddress(), { maxLength: 2 }), 1),
  first_party: field(fc.boolean(), 1),
});

/** `application/x-www-form-urlencoded`, repeating a key for an array, stringifying other values. */
function formEncode(record: Record<string, unknown>): EncodedBody {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, typeof item === 'string' ? item : JSON.stringify(item) ?? '');
  }
  return { payload: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

describe('OAuth endpoints under generated input (fuzz)', () => {
  let t: TestApp;
  let confidential: { id: string; secret: string };
  let publicClient: string;
  const tally = createTally();
  const rejections = watchUnhandledRejections();

  beforeAll(async () => {
    t = await createTestApp({ profile: FUZZ_LIMITS_PROFILE });
    const register = async (metadata: Record<string, unknown>) => {
      const res = await t.inject({ method: 'POST', url: '/api/v1/oauth/register', headers: bearer(t.adminToken), payload: metadata });
      if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
      return res.json() as { client_id: string; client_secret?: string };
    };
    const service = await register({ client_name: 'Fuzz Service', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'gateway:invoke' });
    confidential = { id: service.client_id, secret: service.client_secret! };
    publicClient = (await register({ client_name: 'Fuzz CLI', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] })).client_id;
  }, 120_000);

  afterAll(async () => {
    rejections.stop();
    reportTally('oauth', tally);
    await t?.close();
  });

  function tokenRequests(): fc.Arbitrary<FuzzRequest> {
    const clientId = fc.constantFrom(confidential.id, publicClient, 'unknown-client');
    const form = nearValid({
      grant_type: field(fc.oneof(fc.constantFrom('client_credentials', 'client_credentials', 'authorization_code', 'refresh_token', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'), nastyString), 6),
      code: field(fc.oneof(fc.string({ maxLength: 64 }), fc.constantFrom('a'.repeat(600))), 1),
      code_verifier: field(fc.oneof(fc.string({ minLength: 43, maxLength: 43 }), fc.string({ maxLength: 200 })), 1),
      redirect_uri: field(uri, 1),
      refresh_token: field(fc.string({ maxLength: 80 }), 1),
      scope: field(fc.constantFrom('gateway:invoke', 'openid', 'users:admin', 'gateway:invoke mcp:call', ''), 2),
      resource: field(fc.constantFrom('http://127.0.0.1/api/v1/mcp/files/mcp', 'https://evil.example/'), 1),
      client_id: field(clientId, 1),
      client_secret: field(fc.constantFrom(confidential.secret, 'wrong'), 1),
    });
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    const auth = fc.oneof(
      { weight: 6, arbitrary: fc.constant(basic(confidential.id, confidential.secret)) },
      { weight: 2, arbitrary: fc.constant<typeof DROP>(DROP) },
      { weight: 1, arbitrary: fc.constantFrom(basic(confidential.id, 'wrong'), basic('unknown', 'x'), 'Basic !!!', 'Basic Og==', 'Basic ' + Buffer.from('%zz:%zz').toString('base64'), `Bearer ${t.adminToken}`) },
      { weight: 1, arbitrary: authorization([t.adminToken]) },
    );
    const body = fc.oneof({ weight: 8, arbitrary: form.map(formEncode) }, { weight: 2, arbitrary: encodedBody(form) });
    // Parameters in the URL, which RFC 6749 §3.2 does not let a client use for credentials.
    const tokenQuery = extraQuery({ grant_type: fc.constantFrom('client_credentials', 'authorization_code'), client_id: clientId, client_secret: fc.constantFrom(confidential.secret, 'wrong'), scope: fc.constantFrom('users:admin', 'gateway:invoke') });
    // Well-formed client-credentials grants, so that some inputs are issued tokens.
    const granted = fc.constantFrom('gateway:invoke', 'gateway:invoke mcp:call', undefined).map((scope) => withBody('POST', '/api/v1/oauth/token', { authorization: basic(confidential.id, confidential.secret) }, formEncode(scope ? { grant_type: 'client_credentials', scope } : { grant_type: 'client_credentials' })));
    return fc.oneof(
      { weight: 1, arbitrary: granted },
      { weight: 6, arbitrary: fc.tuple(auth, oddHeaders, tokenQuery, body).map(([a, odd, q, b]) => withBody('POST', withQuery('/api/v1/oauth/token', q), { ...odd, authorization: a }, b)) },
    );
  }

  function authorizeRequests(): fc.Arbitrary<FuzzRequest> {
    const params = {
      response_type: fc.oneof(fc.constant('code'), fc.constantFrom('token', 'id_token', 'code token', '')),
      client_id: fc.oneof(fc.constant(publicClient), fc.constant(confidential.id), fc.constantFrom('unknown', '')),
      redirect_uri: fc.oneof(fc.constant(REDIRECT), uri),
      code_challenge: fc.oneof(fc.constant(CHALLENGE), fc.constantFrom('short', 'x'.repeat(43), `${CHALLENGE}=`)),
      code_challenge_method: fc.constantFrom('S256', 'S256', 'plain', 's256', ''),
      scope: fc.constantFrom('openid', 'openid profile gateway:invoke', 'users:admin', 'openid offline_access', ''),
      state: fc.string({ maxLength: 40 }),
      nonce: fc.string({ maxLength: 40 }),
      resource: fc.constantFrom('http://127.0.0.1/api/v1/mcp/files/mcp', 'https://evil.example/'),
      prompt: fc.constantFrom('none', 'login', 'consent', 'select_account'),
    };
    const caller = fc.oneof({ weight: 3, arbitrary: fc.constant(`Bearer ${t.adminToken}`) }, { weight: 2, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: authorization([t.adminToken]) });
    return fc
      .tuple(queryString(params), caller, oddHeaders)
      .map(([q, a, odd]): FuzzRequest => withBody('GET', `/api/v1/oauth/authorize?${q}`, { ...odd, authorization: a } as Record<string, Maybe<string>>, null));
  }

  /** The client secret in the Authorization header or the form body: the only places it counts. */
  function presentsSecret(request: FuzzRequest): boolean {
    const basic = /^Basic\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
    const places = [basic ? Buffer.from(basic, 'base64').toString() : '', String(request.payload ?? '')];
    return places.some((p) => p.includes(confidential.secret) || p.includes(encodeURIComponent(confidential.secret)));
  }

  function registerRequests(): fc.Arbitrary<FuzzRequest> {
    const caller = fc.oneof({ weight: 4, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: fc.constant(`Bearer ${t.adminToken}`) }, { weight: 1, arbitrary: authorization([t.adminToken]) });
    const query = extraQuery({ client_name: nastyString, redirect_uri: uri, first_party: fc.constantFrom('true', '1') });
    return fc
      .tuple(caller, oddHeaders, query, encodedBody(fc.oneof({ weight: 6, arbitrary: registerBody as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: nastyValue })))
      .map(([a, odd, q, b]) => withBody('POST', withQuery('/api/v1/oauth/register', q), { ...odd, authorization: a }, b));
  }

  it(
    'POST /token, GET /authorize, POST /register: never a 5xx, an OAuth error or a page, no stack traces, no open redirect',
    async () => {
      const requests = fc.oneof(tokenRequests(), authorizeRequests(), registerRequests());
      await fuzzFamily(t, {
        family: 'OAuth /api/v1/oauth/{token,authorize,register}',
        surface: 'oauth',
        requests,
        inputs: INPUTS_PER_FAMILY,
        check: (request, res) => {
          if (res.statusCode === 200 && request.url.startsWith('/api/v1/oauth/token') && !presentsSecret(request)) return 'tokens issued for client credentials sent only in the URL';
          if (res.statusCode < 300 || res.statusCode >= 400) return null;
          const location = String(res.headers.location ?? '');
          // The contract: an unregistered redirect_uri is answered 400, never redirected to.
          return location.startsWith(`${REDIRECT}?`) || location.startsWith('/') ? null : `redirect to an unregistered target: ${location} (${request.url.slice(0, 200)})`;
        },
      }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it('nothing was left unhandled and the token endpoint still works', async () => {
    expect(rejections.errors).toEqual([]);
    await expectHealthy(t);
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${confidential.id}:${confidential.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&scope=gateway%3Ainvoke',
    });
    expect(res.statusCode).toBe(200);
  });
});
