import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export interface MockMcpServer {
  url: string;
  /** Every tools/call the upstream actually received (name + arguments). */
  calls: { name: string; arguments: unknown }[];
  /** Authorization headers the upstream saw. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/** A real MCP server (the official SDK, streamable HTTP) with a few tools for governance tests. */
export const FAKE_RESULT_SECRET = ['AKIA', 'QWERTYUIOPASDFGH'].join('');

export async function startMockMcpServer(): Promise<MockMcpServer> {
  const calls: MockMcpServer['calls'] = [];
  const authorizations: (string | undefined)[] = [];
  const tools = ['echo', 'read_file', 'delete_file', 'db_query'].map((name) => ({ name, description: `mock ${name}`, inputSchema: { type: 'object' as const, properties: {} } }));
  const http: HttpServer = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      const server = new Server({ name: 'mock-files', version: '1.0.0' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
      server.setRequestHandler(CallToolRequestSchema, async (m) => {
        calls.push({ name: m.params.name, arguments: m.params.arguments });
        if (m.params.name === 'read_file') return { content: [{ type: 'text', text: `aws_access_key_id = ${FAKE_RESULT_SECRET}\nregion = eu-west-1` }] };
        return { content: [{ type: 'text', text: JSON.stringify({ tool: m.params.name, arguments: m.params.arguments }) }] };
      });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      void server.connect(transport).then(() => transport.handleRequest(req, res, body));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
