import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { FAKE_RESULT_SECRET, startMockMcpServer, type MockMcpServer } from '../../mocks/mock-mcp-server';
import { createTestApp, type TestApp } from '../../utils/test-app';

const FAKE_GITHUB_TOKEN = ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');

describe('governed MCP proxy (e2e, official SDK client → gateway → real MCP server)', () => {
  let upstream: MockMcpServer;
  let t: TestApp;
  let developer: CreatedUser;
  let plainUser: CreatedUser;

  beforeAll(async () => {
    upstream = await startMockMcpServer();
    t = await createTestApp({
      listen: true,
      env: { SYSTEMPROMPT_SECRET_FILES_TOKEN: 'upstream-files-secret' },
      services: {
        'mcp/files.yaml': `name: files
description: Team files
upstream:
  url: ${upstream.url}
  auth: { type: bearer, secret: files_token }
access:
  roles: [developer, agent_operator, admin]
  scopes: [mcp:call]
tools: { allow: ["*"], deny: ["delete_*"] }
`,
      },
      profile: `governance:
  blocklist:
    - { id: no-prod-db, tool: "db_*", argument_pattern: "prod", reason: "production database" }
`,
    });
    developer = await createUser(t, { role: 'developer' });
    plainUser = await createUser(t, { role: 'user' });
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  async function connect(token: string, traceId?: string): Promise<Client> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (traceId) headers['x-trace-id'] = traceId;
    const client = new Client({ name: 'test-host', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${t.url}/api/v1/mcp/files/mcp`), { requestInit: { headers } }));
    return client;
  }

  async function audit(traceId: string): Promise<{ point: string; outcome: string | null; data: Record<string, unknown> }[]> {
    const res = await t.inject({ method: 'GET', url: `/api/v1/audit?trace_id=${traceId}`, headers: bearer(t.adminToken) });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('lists exactly the tools the caller may call (deny globs removed)', async () => {
    const client = await connect(developer.token);
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(['db_query', 'echo', 'read_file']);
    await client.close();
  });

  it('an allowed call reaches the upstream with the server-side credential; five audit points', async () => {
    const traceId = `trace-mcp-allow-${Date.now()}`;
    const client = await connect(developer.token, traceId);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    expect(result.content).toEqual([{ type: 'text', text: '{"tool":"echo","arguments":{"text":"hello"}}' }]);
    expect(upstream.authorizations.at(-1)).toBe('Bearer upstream-files-secret');
    const points = await audit(traceId);
    expect(points.map((p) => p.point)).toEqual(['identity', 'agent_context', 'permissions', 'tool_execution', 'result']);
    expect(points[2]!.outcome).toBe('allow');
    expect(points[4]!.outcome).toBe('success');
    await client.close();
  });

  it('a call carrying a secret is denied at secret_scan and the upstream never sees it', async () => {
    const traceId = `trace-mcp-secret-${Date.now()}`;
    const client = await connect(developer.token, traceId);
    const before = upstream.calls.length;
    const err = await client.callTool({ name: 'echo', arguments: { text: `token ${FAKE_GITHUB_TOKEN}` } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McpError);
    expect((err as McpError).data).toEqual({ decision: 'deny', stage: 'secret_scan', code: 'SECRET_DETECTED', reason: expect.stringMatching(/^secret detected: github/), trace_id: traceId, policy_version: expect.any(String) });
    expect(JSON.stringify((err as McpError).data)).not.toContain(FAKE_GITHUB_TOKEN);
    expect(upstream.calls.length).toBe(before);
    const points = await audit(traceId);
    expect(points.map((p) => p.point)).toEqual(['identity', 'agent_context', 'permissions']);
    expect(points[2]!.outcome).toBe('deny');
    expect(JSON.stringify(points)).not.toContain(FAKE_GITHUB_TOKEN);
    await client.close();
  });

  it('a secret in a tool result is redacted before it reaches the caller', async () => {
    const client = await connect(developer.token);
    const result = await client.callTool({ name: 'read_file', arguments: { path: '/etc/aws' } });
    const text = (result.content as { text: string }[])[0]!.text;
    expect(text).not.toContain(FAKE_RESULT_SECRET);
    expect(text).toMatch(/\[REDACTED:aws_access_key_id\]/);
    await client.close();
  });

  it('a blocklisted call is denied at blocklist; a denied glob at scope', async () => {
    const client = await connect(developer.token);
    const blocked = await client.callTool({ name: 'db_query', arguments: { database: 'prod-main', sql: 'select 1' } }).catch((e: unknown) => e);
    expect((blocked as McpError).data).toMatchObject({ decision: 'deny', stage: 'blocklist', code: 'BLOCKLISTED', reason: 'production database (rule no-prod-db)' });
    const destructive = await client.callTool({ name: 'echo', arguments: { cmd: 'rm -rf /' } }).catch((e: unknown) => e);
    expect((destructive as McpError).data).toMatchObject({ stage: 'blocklist' });
    const globbed = await client.callTool({ name: 'delete_file', arguments: { path: 'x' } }).catch((e: unknown) => e);
    expect((globbed as McpError).data).toMatchObject({ stage: 'scope', code: 'TOOL_NOT_ALLOWED' });
    await client.close();
  });

  it('a role without access sees no tools and cannot call', async () => {
    const client = await connect(plainUser.token);
    expect((await client.listTools()).tools).toEqual([]);
    const err = await client.callTool({ name: 'echo', arguments: {} }).catch((e: unknown) => e);
    expect((err as McpError).data).toMatchObject({ decision: 'deny', stage: 'scope', code: 'ROLE_NOT_ALLOWED' });
    await client.close();
  });

  it('a call both unscoped and secret-bearing is denied at scope (order)', async () => {
    const client = await connect(plainUser.token);
    const err = await client.callTool({ name: 'echo', arguments: { t: FAKE_GITHUB_TOKEN } }).catch((e: unknown) => e);
    expect((err as McpError).data).toMatchObject({ stage: 'scope' });
    await client.close();
  });

  it('401 on an MCP endpoint carries WWW-Authenticate with resource_metadata', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/mcp/files/mcp', payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource"$/);
    expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('the registry lists servers with endpoint, tool count and the caller access', async () => {
    const deadline = Date.now() + 5000;
    let entries: { name: string; tool_count: number | null; access: { allowed: boolean }; endpoint: string; status: string }[] = [];
    while (Date.now() < deadline) {
      entries = (await t.inject({ method: 'GET', url: '/api/v1/mcp/registry', headers: bearer(developer.token) })).json();
      if (entries.find((e) => e.name === 'files')?.status === 'up') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const files = entries.find((e) => e.name === 'files')!;
    expect(files).toMatchObject({ status: 'up', tool_count: 4, access: { allowed: true } });
    expect(files.endpoint).toMatch(/\/api\/v1\/mcp\/files\/mcp$/);
    const asUser = (await t.inject({ method: 'GET', url: '/api/v1/mcp/registry', headers: bearer(plainUser.token) })).json() as typeof entries;
    expect(asUser.find((e) => e.name === 'files')!.access.allowed).toBe(false);
  });

  it('REST tool calls go through the same guard chain', async () => {
    const ok = await t.inject({ method: 'POST', url: '/api/v1/mcp/files/tools/echo', headers: bearer(developer.token), payload: { arguments: { text: 'rest' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().content[0].text).toContain('rest');
    const denied = await t.inject({ method: 'POST', url: '/api/v1/mcp/files/tools/echo', headers: { ...bearer(developer.token), 'x-trace-id': 'trace-rest-deny-1' }, payload: { arguments: { key: FAKE_GITHUB_TOKEN } } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ decision: 'deny', stage: 'secret_scan', code: 'SECRET_DETECTED', reason: expect.any(String), trace_id: 'trace-rest-deny-1', policy_version: expect.any(String) });
    const bad = await t.inject({ method: 'POST', url: '/api/v1/mcp/files/tools/echo', headers: bearer(developer.token), payload: { arguments: 'not-an-object' } });
    expect(bad.statusCode).toBe(400);
  });
});
