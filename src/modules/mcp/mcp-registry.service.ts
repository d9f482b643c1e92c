import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../bootstrap/extension.types';
import type { Identity } from '../../common/auth/identity';
import { McpServerCatalog } from '../governance/policy/mcp-server-catalog';
import { ScopeStage } from '../governance/stages/scope.stage';
import { SystempromptTools } from './builtin/systemprompt-tools';
import { McpUpstreamPool } from './upstream/mcp-upstream-pool';

const PING_EVERY_MS = 30_000;

export interface RegistryEntry {
  name: string;
  description: string;
  endpoint: string;
  transport: 'streamable-http';
  kind: 'remote' | 'built-in';
  status: 'up' | 'down' | 'unknown';
  last_checked_at: string | null;
  tool_count: number | null;
  access: { allowed: boolean; roles: string[]; scopes: string[] };
}

/** The MCP servers, their health (pinged periodically) and tool counts, and the caller's access. */
@Injectable()
export class McpRegistryService implements OnModuleInit {
  private readonly logger = new Logger('McpRegistry');
  private readonly health = new Map<string, { status: 'up' | 'down'; checkedAt: Date; tools: number | null }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
    private readonly catalog: McpServerCatalog,
    private readonly pool: McpUpstreamPool,
    private readonly builtin: SystempromptTools,
    private readonly scope: ScopeStage,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onModuleInit(): void {
    if (this.options.mode === 'cli') return;
    const timer = setInterval(() => void this.pingAll(), PING_EVERY_MS);
    timer.unref();
    // Registered with the scheduler, which clears it at shutdown.
    this.scheduler.addInterval('mcp-registry-ping', timer);
    setTimeout(() => void this.pingAll(), 1000).unref();
  }

  async pingAll(): Promise<void> {
    await Promise.all(this.catalog.list().map((server) => this.ping(server.name)));
  }

  async ping(name: string): Promise<void> {
    const server = this.catalog.get(name);
    if (!server) return;
    if (!server.upstream) {
      this.health.set(name, { status: 'up', checkedAt: new Date(), tools: this.builtin.list().length });
      return;
    }
    try {
      const tools = await this.pool.use(server, async (c) => {
        await c.ping();
        return (await c.listTools()).tools.length;
      });
      this.health.set(name, { status: 'up', checkedAt: new Date(), tools });
    } catch (err) {
      if (this.health.get(name)?.status !== 'down') this.logger.warn(`MCP server ${name} is down: ${(err as Error).message}`);
      this.health.set(name, { status: 'down', checkedAt: new Date(), tools: this.health.get(name)?.tools ?? null });
    }
  }

  list(identity: Identity): RegistryEntry[] {
    return this.catalog.list().map((server) => {
      const health = this.health.get(server.name);
      return {
        name: server.name,
        description: server.description,
        endpoint: `${this.config.publicUrl}/api/v1/mcp/${server.name}/mcp`,
        transport: 'streamable-http',
        kind: server.upstream ? 'remote' : 'built-in',
        status: health?.status ?? 'unknown',
        last_checked_at: health?.checkedAt.toISOString() ?? null,
        tool_count: health?.tools ?? null,
        access: { allowed: this.scope.visible({ identity, tool: '*', server: { ...server, tools: { allow: ['*'], deny: [] } } }), roles: server.access.roles, scopes: server.access.scopes },
      };
    });
  }
}
