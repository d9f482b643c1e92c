import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { PACKAGE_VERSION } from '../../../common/package-version';
import type { McpServerPolicy } from '../../governance/policy/mcp-server.policy';
import { resolveSecret } from '../../governance/policy/mcp-server-catalog';
import { fetchWithOwnSignal } from './fetch-with-own-signal';

/**
 * One MCP client session per upstream server and replica, opened on first use and reopened
 * after a failure. The upstream credential is injected here, server-side: callers and models
 * never see it. Callers' own sessions stay stateless, so any replica can serve them.
 */
@Injectable()
export class McpUpstreamPool implements OnApplicationShutdown {
  private readonly logger = new Logger('McpUpstreamPool');
  private readonly clients = new Map<string, Promise<Client>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  client(server: McpServerPolicy): Promise<Client> {
    let client = this.clients.get(server.name);
    if (!client) {
      client = this.connect(server);
      this.clients.set(server.name, client);
      client.catch(() => this.clients.delete(server.name));
    }
    return client;
  }

  /** Runs `work` with the server's client; a broken session is dropped and retried once. */
  async use<T>(server: McpServerPolicy, work: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await work(await this.client(server));
    } catch (err) {
      if (!isTransportFailure(err)) throw err;
      this.logger.warn(`MCP upstream ${server.name}: ${(err as Error).message}; reconnecting`);
      await this.drop(server.name);
      return work(await this.client(server));
    }
  }

  async drop(name: string): Promise<void> {
    const client = this.clients.get(name);
    this.clients.delete(name);
    await client?.then((c) => c.close()).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((name) => this.drop(name)));
  }

  private async connect(server: McpServerPolicy): Promise<Client> {
    if (!server.upstream) throw new Error(`MCP server ${server.name} has no upstream`);
    const headers: Record<string, string> = {};
    if (server.upstream.auth) headers.authorization = `Bearer ${resolveSecret(this.config, server.upstream.auth.secret) ?? ''}`;
    const transport = new StreamableHTTPClientTransport(new URL(server.upstream.url), { requestInit: { headers }, fetch: fetchWithOwnSignal() });
    const client = new Client({ name: 'systemprompt-gateway', version: PACKAGE_VERSION });
    await client.connect(transport, { timeout: server.upstream.timeout_ms });
    return client;
  }
}

function isTransportFailure(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return /fetch failed|ECONNREFUSED|ECONNRESET|socket|session|Not connected|404/i.test(message);
}
