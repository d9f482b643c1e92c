import fc from 'fast-check';
import { bearer, createUser, type CreatedUser } from '../factories/user.factory';
import { createTestApp, type TestApp } from '../utils/test-app';
import { authorization, DROP, encodeComponent, encodedBody, extraQuery, field, type FuzzRequest, type Maybe, nastyString, nastyValue, nearValid, oddHeaders, queryString, randomJson, withBody, withQuery } from './support/arbitraries';
import { FAMILY_TIMEOUT_MS, FUZZ_LIMITS_PROFILE, fuzzGovernanceProfile, INPUTS_PER_FAMILY } from './support/fuzz-app';
import { createTally, expectHealthy, fuzzFamily, reportTally, watchUnhandledRejections } from './support/fuzz-harness';

/**
 * REST endpoints under generated input: the governance decision endpoint and the users API.
 * Errors must have the REST shape `{statusCode, error, message, trace_id}` (trace id matching the
 * header) or be a governance denial.
 */

const FAKE_SECRET = ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');

const toolInput = fc.oneof(
  { weight: 3, arbitrary: randomJson },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ command: 'rm -rf /' }, { database: 'prod-main' }, { token: FAKE_SECRET }, { path: '/tmp/a.txt' }, `key ${FAKE_SECRET}`, { nested: { deeper: [{ cmd: 'rm  -rf   /' }] } }) },
);
const evaluateBody = nearValid({
  tool_name: field(fc.oneof(fc.constantFrom('mcp__files__read_file', 'mcp__systemprompt__admin', 'Bash', 'db_query', 'Write'), nastyString), 6),
  tool_input: field(toolInput, 6),
  server: fc.oneof({ weight: 4, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: fc.constantFrom('files', 'nope', 'Files!', '') }, { weight: 1, arbitrary: nastyValue }),
});

const email = fc.oneof({ weight: 4, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: fc.constantFrom('a@b', '@example.com', 'x@example.com ', 'ADMIN@EXAMPLE.COM', `${'a'.repeat(320)}@example.com`) }, { weight: 1, arbitrary: nastyString });
const role = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('user', 'developer', 'agent_operator', 'auditor', 'admin') }, { weight: 1, arbitrary: fc.constantFrom('anonymous', 'root', 'Admin', '') });
const shortName = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('Ada', 'Grace Hopper') }, { weight: 1, arbitrary: nastyString });
const createUserBody = nearValid({ email: field(email), name: field(shortName), role: field(role) });
const patchUserBody = nearValid({
  email: field(email, 1),
  name: field(shortName, 2),
  role: field(role, 1),
  status: field(fc.constantFrom('active', 'disabled', 'deleted'), 1),
});
const scope = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('gateway:invoke', 'mcp:call', 'users:admin', 'audit:read', 'mcp:files:read_*', 'mcp:*:*', 'made:up') }, { weight: 1, arbitrary: nastyString });
const tokenBody = nearValid({
  name: field(shortName),
  scopes: field(fc.array(scope, { maxLength: 4 }), 2),
  expires_at: field(fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2027-13-45T00:00:00Z', 'tomorrow', '9999-12-31T23:59:59Z', '2027-01-01')), 1),
});
const pageValue = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -5, max: 600 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom('', '1e3', '0x10', '1.5', 'NaN', 'Infinity', '-0', '99999999999999999999', ' 7', 'null') });

describe('REST endpoints (governance evaluate, users) under generated input (fuzz)', () => {
  let t: TestApp;
  let plain: CreatedUser;
  let victims: CreatedUser[];
  const tally = createTally();
  const rejections = watchUnhandledRejections();

  beforeAll(async () => {
    t = await createTestApp({
      profile: `${FUZZ_LIMITS_PROFILE}${fuzzGovernanceProfile(`  blocklist:
    - { id: no-prod-db, tool: "db_*", argument_pattern: "prod", reason: "production database" }
`)}`,
    });
    plain = await createUser(t, { role: 'user' });
    victims = [await createUser(t, { role: 'developer' }), await createUser(t, { role: 'user' })];
  }, 120_000);

  afterAll(async () => {
    rejections.stop();
    reportTally('rest', tally);
    await t?.close();
  });

  function headers(tokens: string[]): fc.Arbitrary<Record<string, Maybe<string>>> {
    return fc.tuple(authorization(tokens), oddHeaders).map(([auth, odd]): Record<string, Maybe<string>> => ({ ...odd, authorization: auth }));
  }

  /** A user id in a path: a real one, an unknown uuid, or not a uuid at all. */
  const userId = (own: () => string[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(0, 1).map((i) => own()[i]!) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('me', '0', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '%00', '..%2F..%2Fetc'), nastyString.map((s) => encodeComponent(s.slice(0, 80)) || 'x')) },
    );

  it(
    'POST /api/v1/governance/evaluate: never a 5xx, a decision or the REST error shape, no stack traces',
    async () => {
      const query = extraQuery({ server: fc.constantFrom('files', 'nope'), tool_name: fc.constantFrom('Bash', 'db_query'), dry_run: fc.constantFrom('true', '1') });
      const requests = fc
        .tuple(headers([t.adminToken, plain.token, plain.token]), query, encodedBody(evaluateBody))
        .map(([h, q, b]) => withBody('POST', withQuery('/api/v1/governance/evaluate', q), h, b));
      await fuzzFamily(t, {
        family: 'POST /api/v1/governance/evaluate',
        surface: 'rest',
        requests,
        inputs: INPUTS_PER_FAMILY,
        // A 200 is a decision: allow, or deny with the stage, code and reason that explain it.
        check: (_req, res) => {
          if (res.statusCode !== 200) return null;
          const body = JSON.parse(res.body) as { decision?: string; stage?: string; reason?: string; trace_id?: string };
          if (body.decision === 'allow' && body.trace_id) return null;
          return body.decision === 'deny' && body.stage && body.reason && body.trace_id ? null : 'a 200 that is not a governance decision';
        },
      }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it(
    'users (POST, PATCH /{id}, POST /{id}/tokens, GET ?offset&limit): never a 5xx, always the REST error shape, no stack traces',
    async () => {
      const ids = () => victims.map((v) => v.id);
      const asAdmin = headers([t.adminToken, t.adminToken, t.adminToken, plain.token]);
      const query = extraQuery({ role: fc.constantFrom('admin', 'user'), id: nastyString, notify: fc.constantFrom('true', '1') });
      const requests: fc.Arbitrary<FuzzRequest> = fc.oneof(
        { arbitrary: fc.tuple(asAdmin, query, encodedBody(createUserBody)).map(([h, q, b]) => withBody('POST', withQuery('/api/v1/users', q), h, b)), weight: 3 },
        { arbitrary: fc.tuple(asAdmin, userId(ids), query, encodedBody(patchUserBody)).map(([h, id, q, b]) => withBody('PATCH', withQuery(`/api/v1/users/${id}`, q), h, b)), weight: 3 },
        // The plain user patching themselves: name only is theirs to change.
        { arbitrary: fc.tuple(headers([plain.token]), encodedBody(patchUserBody)).map(([h, b]) => withBody('PATCH', `/api/v1/users/${plain.id}`, h, b)), weight: 1 },
        { arbitrary: fc.tuple(asAdmin, userId(ids), query, encodedBody(tokenBody)).map(([h, id, q, b]) => withBody('POST', withQuery(`/api/v1/users/${id}/tokens`, q), h, b)), weight: 3 },
        { arbitrary: fc.tuple(asAdmin, queryString({ offset: pageValue, limit: pageValue })).map(([h, q]) => withBody('GET', withQuery('/api/v1/users', q), h, null)), weight: 3 },
      );
      // Counted by route: any id (real, unknown or hostile) is `{id}`.
      const endpointOf = (r: FuzzRequest) => `${r.method} ${r.url.split('?')[0]!.replace(/^\/api\/v1\/users\/[^/]+/, '/api/v1/users/{id}')}`;
      await fuzzFamily(t, { family: 'users /api/v1/users…', surface: 'rest', requests, inputs: INPUTS_PER_FAMILY, endpointOf }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it('nothing was left unhandled and the app still answers', async () => {
    expect(rejections.errors).toEqual([]);
    await expectHealthy(t);
    expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(t.adminToken) })).statusCode).toBe(200);
    const decision = await t.inject({ method: 'POST', url: '/api/v1/governance/evaluate', headers: bearer(t.adminToken), payload: { tool_name: 'Bash', tool_input: { command: 'ls' } } });
    expect(decision.json()).toMatchObject({ decision: 'allow' });
  });
});
