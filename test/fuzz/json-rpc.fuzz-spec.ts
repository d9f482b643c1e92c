import fc from 'fast-check';
import { bearer, createUser } from '../factories/user.factory';
import { startMockAgentLlm } from '../mocks/mock-agent-llm';
import { startMockMcpServer, type MockMcpServer } from '../mocks/mock-mcp-server';
import type { MockServer } from '../mocks/mock-server';
import { createTestApp, type TestApp } from '../utils/test-app';
import { authorization, DROP, encodeComponent, encodedBody, extraQuery, field, type FuzzRequest, nastyString, nastyValue, nearValid, oddHeaders, randomJson, withBody, withQuery } from './support/arbitraries';
import { FAMILY_TIMEOUT_MS, FUZZ_LIMITS_PROFILE, fuzzGovernanceProfile, INPUTS_PER_FAMILY } from './support/fuzz-app';
import { createTally, expectHealthy, fuzzFamily, reportTally, watchUnhandledRejections } from './support/fuzz-harness';

/**
 * The JSON-RPC surfaces under generated input: the governed MCP endpoint of a server backed by a
 * real MCP server, and an A2A agent backed by a model double. A malformed call is a JSON-RPC
 * error object; refusals before the handler (authentication, unknown server) the REST shape.
 */

const rpcId = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1000 }) }, { weight: 2, arbitrary: fc.constantFrom('a', 'req-1') }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: nastyValue });
const safeText = fc.constantFrom('hi', 'hello', 'what time is it');

/** JSON-RPC envelope around `method`/`params` generators, each field sometimes wrong or missing. */
function envelope(method: fc.Arbitrary<unknown>, params: fc.Arbitrary<unknown>) {
  return nearValid({ jsonrpc: field(fc.constant('2.0'), 8), id: field(rpcId, 6), method: field(method, 8), params: field(params, 4) });
}

const mcpToolCall = nearValid({
  name: field(fc.constantFrom('echo', 'read_file', 'delete_file', 'db_query', 'nope', 'mcp__files__echo')),
  arguments: field(fc.oneof(fc.constantFrom<unknown>({ text: 'hi' }, { database: 'prod-main' }, { cmd: 'rm -rf /' }, { key: 'AKIAQWERTYUIOPASDFGH' }), randomJson)),
  _meta: fc.oneof({ weight: 6, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: randomJson }),
});
const mcpParams = fc.oneof(
  { weight: 4, arbitrary: mcpToolCall },
  { weight: 1, arbitrary: nearValid({ protocolVersion: field(fc.constantFrom('2025-06-18', '2025-03-26', '1999-01-01')), capabilities: field(randomJson), clientInfo: field(nearValid({ name: field(safeText), version: field(fc.constant('1.0')) })) }) },
  { weight: 1, arbitrary: nearValid({ uri: field(fc.constantFrom('file:///etc/passwd', 'x')), cursor: field(nastyString), level: field(fc.constantFrom('debug', 'emergency')) }) },
  { weight: 1, arbitrary: randomJson },
);
const mcpMethod = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('tools/call', 'tools/list', 'initialize', 'ping', 'notifications/initialized', 'resources/list', 'resources/read', 'prompts/list', 'prompts/get', 'completion/complete', 'logging/setLevel', 'notifications/cancelled') },
  { weight: 1, arbitrary: nastyString },
);
const mcpMessage = envelope(mcpMethod, mcpParams);
/** Well-formed calls, so that some inputs reach governance and the upstream server. */
const mcpValidCall = fc
  .record({ id: fc.nat(1000), method: fc.constantFrom('tools/call', 'tools/call', 'tools/list'), name: fc.constantFrom('echo', 'read_file', 'db_query'), args: fc.oneof(fc.constant({ text: 'hi' }), randomJson.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) })
  .map(({ id, method, name, args }) => ({ jsonrpc: '2.0', id, method, params: method === 'tools/call' ? { name, arguments: args } : {} }));
const mcpBody = fc.oneof(
  { weight: 2, arbitrary: mcpValidCall as fc.Arbitrary<unknown> },
  { weight: 24, arbitrary: mcpMessage },
  { weight: 3, arbitrary: fc.array(mcpMessage, { maxLength: 4 }) },
  { weight: 3, arbitrary: randomJson },
);

const a2aPart = fc.oneof(
  { weight: 4, arbitrary: nearValid({ kind: field(fc.constant('text'), 6), text: field(safeText, 6) }) },
  { weight: 1, arbitrary: nearValid({ kind: field(fc.constantFrom('data', 'file', 'image')), data: field(randomJson), file: field(randomJson, 1) }) },
  { weight: 1, arbitrary: nastyValue },
);
const a2aMessage = nearValid({
  kind: field(fc.constant('message'), 4),
  messageId: field(fc.constantFrom('m1', 'm2'), 4),
  role: field(fc.constantFrom('user', 'agent', 'system'), 2),
  parts: field(fc.array(a2aPart, { minLength: 1, maxLength: 2 }), 2),
  contextId: fc.oneof({ weight: 4, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: nastyValue }),
  taskId: fc.oneof({ weight: 4, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: fc.oneof(fc.uuid(), nastyValue) }),
  metadata: fc.oneof({ weight: 4, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: randomJson }),
});
const a2aParams = fc.oneof(
  { weight: 3, arbitrary: nearValid({ message: field(a2aMessage, 3), configuration: field(randomJson, 1) }) },
  { weight: 2, arbitrary: nearValid({ id: field(fc.oneof(fc.uuid(), nastyString)), historyLength: field(fc.oneof(fc.nat(10), nastyValue), 1) }) },
  { weight: 1, arbitrary: randomJson },
);
const a2aMethod = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('message/send', 'message/stream', 'tasks/get', 'tasks/cancel', 'tasks/get', 'tasks/resubscribe', 'tasks/pushNotificationConfig/set', 'agent/getAuthenticatedExtendedCard') },
  { weight: 1, arbitrary: nastyString },
);
/** A call that passes validation costs a model call: about one input in thirty, with a cheap prompt. */
const a2aValidSend = fc.record({ id: fc.nat(1000), method: fc.constantFrom('message/send', 'message/stream'), text: safeText }).map(({ id, method, text }) => ({ jsonrpc: '2.0', id, method, params: { message: { kind: 'message', messageId: `m-${id}`, role: 'user', parts: [{ kind: 'text', text }] } } }));
const a2aBody = fc.oneof(
  { weight: 1, arbitrary: a2aValidSend as fc.Arbitrary<unknown> },
  { weight: 24, arbitrary: envelope(a2aMethod, a2aParams) },
  { weight: 3, arbitrary: fc.array(envelope(a2aMethod, a2aParams), { maxLength: 3 }) },
  { weight: 3, arbitrary: randomJson },
);

/** Path segments: the configured name most of the time, otherwise unknown or hostile. */
function pathName(valid: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 12, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.constantFrom('nope', 'FILES', '..', '%2e%2e', 'a'.repeat(300)) }, { weight: 1, arbitrary: nastyString.map((s) => encodeComponent(s.slice(0, 100)) || 'x') });
}

describe('JSON-RPC surfaces (MCP, A2A) under generated input (fuzz)', () => {
  let t: TestApp;
  let mcp: MockMcpServer;
  let llm: MockServer;
  let tokens: string[];
  const tally = createTally();
  const rejections = watchUnhandledRejections();

  beforeAll(async () => {
    [mcp, llm] = await Promise.all([startMockMcpServer(), startMockAgentLlm()]);
    t = await createTestApp({
      env: { SYSTEMPROMPT_SECRET_FILES_TOKEN: 'upstream-files-secret' },
      profile: `${FUZZ_LIMITS_PROFILE}${fuzzGovernanceProfile(`  blocklist:
    - { id: no-prod-db, tool: "db_*", argument_pattern: "prod", reason: "production database" }
`)}gateway:
  routes:
    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${llm.url}/v1" }
`,
      services: {
        'mcp/files.yaml': `name: files\ndescription: Team files\nupstream:\n  url: ${mcp.url}\n  auth: { type: bearer, secret: files_token }\naccess:\n  roles: [developer, agent_operator, admin]\n  scopes: [mcp:call]\ntools: { allow: ["*"], deny: ["delete_*"] }\n`,
        'agents/helper.yaml': 'name: helper\ndescription: Answers short questions\nmodel: claude-sonnet-4-5\nsystem_prompt: You are a helpful assistant.\nmcp_servers: [files]\naccess: { roles: [developer, admin] }\n',
      },
    });
    const developer = await createUser(t, { role: 'developer' });
    const plain = await createUser(t, { role: 'user' });
    const unscoped = await createUser(t, { role: 'developer' }, ['analytics:read']);
    tokens = [developer.token, developer.token, developer.token, developer.token, t.adminToken, t.adminToken, plain.token, unscoped.token];
  }, 120_000);

  afterAll(async () => {
    rejections.stop();
    reportTally('json-rpc', tally);
    await t?.close();
    await Promise.all([mcp?.close(), llm?.close()]);
  });

  const accept = fc.oneof({ weight: 10, arbitrary: fc.constant('application/json, text/event-stream') }, { weight: 1, arbitrary: fc.constantFrom<string | typeof DROP>(DROP, 'application/json', 'text/event-stream', '*/*', 'text/html') });

  const query = extraQuery({ sessionId: fc.uuid(), stream: fc.constantFrom('true', '1'), id: nastyString });

  function requests(path: (name: string) => string, name: string, body: fc.Arbitrary<unknown>, methods: FuzzRequest['method'][]): fc.Arbitrary<FuzzRequest> {
    const method = fc.oneof({ weight: 12, arbitrary: fc.constant(methods[0]!) }, { weight: 1, arbitrary: fc.constantFrom(...methods) });
    return fc
      .tuple(method, pathName(name), query, authorization(tokens), accept, oddHeaders, encodedBody(body))
      .map(([m, n, q, auth, acc, odd, b]) => withBody(m, withQuery(path(n), q), { ...odd, accept: acc, authorization: auth }, m === 'POST' ? b : null));
  }

  /** Counted by route: the configured name, or any other (unknown, hostile) name. */
  const endpointOf = (pattern: RegExp, known: string, template: string) => (r: FuzzRequest) => `${r.method} ${template.replace('{name}', pattern.exec(r.url.split('?')[0]!)?.[1] === known ? known : '{other}')}`;

  it(
    'POST /api/v1/mcp/{server}/mcp: never a 5xx, always a JSON-RPC (or REST) error, no stack traces',
    async () => {
      await fuzzFamily(t, {
        family: 'MCP JSON-RPC /api/v1/mcp/{server}/mcp',
        surface: 'jsonrpc',
        requests: requests((n) => `/api/v1/mcp/${n}/mcp`, 'files', mcpBody, ['POST', 'GET', 'DELETE']),
        inputs: INPUTS_PER_FAMILY,
        endpointOf: endpointOf(/^\/api\/v1\/mcp\/(.*)\/mcp$/, 'files', '/api/v1/mcp/{name}/mcp'),
      }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it(
    'POST /api/v1/agents/{name}: never a 5xx, always a JSON-RPC (or REST) error, no stack traces',
    async () => {
      await fuzzFamily(t, {
        family: 'A2A JSON-RPC /api/v1/agents/{name}',
        surface: 'jsonrpc',
        requests: requests((n) => `/api/v1/agents/${n}`, 'helper', a2aBody, ['POST']),
        inputs: INPUTS_PER_FAMILY,
        endpointOf: endpointOf(/^\/api\/v1\/agents\/(.*)$/, 'helper', '/api/v1/agents/{name}'),
      }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it('the upstream MCP server and the model were reached, nothing was left unhandled, and both surfaces still answer', async () => {
    expect(rejections.errors).toEqual([]);
    await expectHealthy(t);
    const list = await t.inject({ method: 'POST', url: '/api/v1/mcp/files/mcp', headers: { ...bearer(t.adminToken), accept: 'application/json, text/event-stream' }, payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
    expect(list.json().result.tools.length).toBeGreaterThan(0);
    const send = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(t.adminToken), payload: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { kind: 'message', messageId: 'ok', role: 'user', parts: [{ kind: 'text', text: 'hi' }] } } } });
    expect(send.json().result.status.state).toBe('completed');
    // Generated inputs got past validation to the upstream server and the model, too.
    expect(mcp.calls.length).toBeGreaterThan(1);
    expect(llm.requests.length).toBeGreaterThan(1);
    // The upstream credential stays server-side whatever the callers sent.
    expect(new Set(mcp.authorizations)).toEqual(new Set(['Bearer upstream-files-secret']));
  });
});
