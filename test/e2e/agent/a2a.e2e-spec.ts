import { ClientFactory, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { FAKE_AGENT_SECRET, startMockAgentLlm } from '../../mocks/mock-agent-llm';
import { startMockMcpServer, type MockMcpServer } from '../../mocks/mock-mcp-server';
import type { MockServer } from '../../mocks/mock-server';
import { createTestApp, type TestApp } from '../../utils/test-app';

describe('agents over A2A with the official @a2a-js/sdk client (e2e)', () => {
  let llm: MockServer;
  let mcp: MockMcpServer;
  let t: TestApp;
  let dev: CreatedUser;

  beforeAll(async () => {
    [llm, mcp] = await Promise.all([startMockAgentLlm(), startMockMcpServer()]);
    t = await createTestApp({
      listen: true,
      profile: `gateway:\n  routes:\n    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${llm.url}/v1" }\n`,
      services: {
        'skills/summarise.md': '---\nname: summarise\ndescription: Summarise text\n---\nSummarise briefly, in three bullet points.\n',
        'mcp/files.yaml': `name: files\nupstream: { url: ${mcp.url} }\naccess: { roles: [developer, agent_operator, admin] }\n`,
        'agents/helper.yaml': 'name: helper\ndescription: Answers short questions\nmodel: claude-sonnet-4-5\nsystem_prompt: You are a helpful assistant.\nskills: [summarise]\nmcp_servers: [files]\naccess: { roles: [developer, admin] }\n',
      },
    });
    dev = await createUser(t, { role: 'developer' });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([llm.close(), mcp.close()]);
  });

  function client(token: string) {
    const fetchImpl: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    const factory = new ClientFactory({
      transports: [new JsonRpcTransportFactory({ fetchImpl, legacyCompat: { enabled: true } })],
      cardResolver: new DefaultAgentCardResolver({ fetchImpl, legacyCompat: { enabled: true } }),
    });
    return factory.createFromUrl(t.url, '/.well-known/agent-cards/helper');
  }

  const userMessage = (text: string) => ({ message: { messageId: `m-${Math.random()}`, role: 1, parts: [{ content: { $case: 'text', value: text } }] } }) as never;

  it('serves agent cards with the A2A fields', async () => {
    const res = await t.inject({ method: 'GET', url: '/.well-known/agent-card.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'helper',
      url: `${t.url}/api/v1/agents/helper`,
      protocolVersion: '0.3.0',
      capabilities: { streaming: true },
      defaultInputModes: expect.any(Array),
      defaultOutputModes: expect.any(Array),
      skills: [expect.objectContaining({ id: 'summarise', name: 'summarise' })],
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, oauth: { type: 'openIdConnect' } },
    });
    expect((await t.inject({ method: 'GET', url: '/.well-known/agent-cards' })).json()).toHaveLength(1);
    expect((await t.inject({ method: 'GET', url: '/.well-known/agent-cards/nope' })).statusCode).toBe(404);
  });

  it('message/send: the answer comes from the model through the gateway, with the skill in the system prompt', async () => {
    const a2a = await client(dev.token);
    const result = (await a2a.sendMessage(userMessage('hi there'))) as unknown as { $case?: string; value?: unknown };
    const serialised = JSON.stringify(result);
    expect(serialised).toContain('Hello! system=with-skill');
    expect(llm.requests.at(-1)!.headers['x-api-key']).toBeUndefined();
  });

  it('message/stream yields status and artifact updates', async () => {
    const a2a = await client(dev.token);
    const cases: string[] = [];
    let text = '';
    for await (const event of a2a.sendMessageStream(userMessage('hi stream'))) {
      const payload = (event as { payload?: { $case: string } }).payload;
      cases.push(payload?.$case ?? 'unknown');
      if (payload?.$case === 'artifactUpdate') text += JSON.stringify(payload);
    }
    expect(cases[0]).toBe('task');
    expect(cases).toContain('statusUpdate');
    expect(cases).toContain('artifactUpdate');
    expect(text).toContain('Hello!');
  });

  it('tasks/get works on the stored task; tasks/cancel of a final task is refused', async () => {
    const send = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(dev.token), payload: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'hi' }] } } } });
    const task = send.json().result;
    expect(task).toMatchObject({ kind: 'task', status: { state: 'completed' } });
    const a2a = await client(dev.token);
    const got = await a2a.getTask({ id: task.id } as never);
    expect(JSON.stringify(got)).toContain(task.id);
    const cancel = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(dev.token), payload: { jsonrpc: '2.0', id: 2, method: 'tasks/cancel', params: { id: task.id } } });
    expect(cancel.json().error).toMatchObject({ code: -32002 });
  });

  it('tasks/cancel stops a running task', async () => {
    const running = t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(dev.token), payload: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { kind: 'message', messageId: 'm2', role: 'user', parts: [{ kind: 'text', text: 'answer slowly' }] } } } });
    await new Promise((r) => setTimeout(r, 400));
    const { DataSource } = await import('typeorm');
    const rows: { id: string }[] = await t.get<InstanceType<typeof DataSource>>(DataSource).query(`SELECT id FROM agent_tasks WHERE state = 'working' ORDER BY created_at DESC LIMIT 1`);
    expect(rows).toHaveLength(1);
    const cancel = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(dev.token), payload: { jsonrpc: '2.0', id: 3, method: 'tasks/cancel', params: { id: rows[0]!.id } } });
    expect(cancel.json().result).toMatchObject({ id: rows[0]!.id, status: { state: 'canceled' } });
    const finished = (await running).json().result;
    expect(finished.status.state).toBe('canceled');
  });

  it('a tool call carrying a secret is denied by governance; the audit trail shows it under the agent trace', async () => {
    const traceId = `trace-agent-secret-${Date.now()}`;
    const before = mcp.calls.length;
    const res = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: { ...bearer(dev.token), 'x-trace-id': traceId }, payload: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { kind: 'message', messageId: 'm3', role: 'user', parts: [{ kind: 'text', text: 'please use the secret' }] } } } });
    const answer = JSON.stringify(res.json().result.artifacts);
    expect(answer).toContain('TOOL ERROR');
    expect(answer).toContain('secret_scan');
    expect(answer).not.toContain(FAKE_AGENT_SECRET);
    expect(mcp.calls.length).toBe(before);
    const audit = (await t.inject({ method: 'GET', url: `/api/v1/audit?trace_id=${traceId}`, headers: bearer(t.adminToken) })).json() as { point: string; agent: string; outcome: string }[];
    expect(audit.filter((a) => a.point === 'permissions')).toEqual([expect.objectContaining({ agent: 'helper', outcome: 'deny' })]);
    const allowed = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(dev.token), payload: { jsonrpc: '2.0', id: 2, method: 'message/send', params: { message: { kind: 'message', messageId: 'm4', role: 'user', parts: [{ kind: 'text', text: 'please use echo' }] } } } });
    expect(JSON.stringify(allowed.json().result.artifacts)).toContain('TOOL OK');
    expect(mcp.calls.at(-1)).toEqual({ name: 'echo', arguments: { text: 'hi from agent' } });
  });

  it('access denied for a role not in access.roles; JSON-RPC error codes', async () => {
    const user = await createUser(t, { role: 'user' });
    const denied = await t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: bearer(user.token), payload: { jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe(-32003);
    const rpc = (payload: unknown, raw?: string) => t.inject({ method: 'POST', url: '/api/v1/agents/helper', headers: { ...bearer(dev.token), 'content-type': 'application/json' }, payload: raw ?? JSON.stringify(payload) });
    const parseError = await rpc(null, '{"jsonrpc": "2.0", "id": 1, "method"');
    expect(parseError.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect((await rpc({ id: 1, method: 'message/send' })).json().error.code).toBe(-32600);
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'agent/dance' })).json().error.code).toBe(-32601);
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user' } } })).json().error.code).toBe(-32602);
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { id: '00000000-0000-4000-8000-000000000000' } })).json().error.code).toBe(-32001);
    // A message continuing a task that cannot exist (not a uuid) is "task not found", not a failed uuid cast (found by the fuzz run).
    const unknownTask = { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'hi' }], taskId: '\u{10ffff}'.repeat(6) };
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: unknownTask } })).json().error.code).toBe(-32001);
  });

  it('the registry lists the agent with access for the caller', async () => {
    const list = (await t.inject({ method: 'GET', url: '/api/v1/agents/registry', headers: bearer(dev.token) })).json();
    expect(list).toEqual([expect.objectContaining({ name: 'helper', model: 'claude-sonnet-4-5', status: 'ready', access: { allowed: true, roles: ['developer', 'admin'] } })]);
  });
});
