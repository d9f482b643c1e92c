import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { roleAtLeast } from '../../../common/auth/roles';
import { holdsScope } from '../../../common/auth/scopes';
import { compileGlobs, globMatch, type GlobMatcher } from '../../../common/matching/glob-match';
import { allow, deny, type GovernanceContext, type GovernanceStage, type StageVerdict } from '../governance.types';
import type { McpServerPolicy } from '../policy/mcp-server.policy';

/**
 * Who may: the caller's role against the server's `access.roles`, the token's scopes against
 * `access.scopes` (and any `mcp:<server>:<tool>` scopes it carries), the tool against the
 * server's allow/deny globs, and `admin_only_tools` for everyone but admins. Deny by default:
 * an unknown server or an anonymous caller never passes.
 */
@Injectable()
export class ScopeStage implements GovernanceStage {
  readonly name = 'scope';
  private readonly adminOnly: GlobMatcher;
  private readonly toolGlobs = new WeakMap<McpServerPolicy, { allow: GlobMatcher; deny: GlobMatcher }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.adminOnly = compileGlobs(config.governance.admin_only_tools);
  }

  evaluate({ identity, tool, server }: GovernanceContext): StageVerdict {
    if (identity.role === 'anonymous') return deny(this.name, 'UNAUTHENTICATED', 'an authenticated caller is required');
    const fullName = server ? `mcp__${server.name}__${tool}` : tool;
    if (!roleAtLeast(identity.role, 'admin') && (this.adminOnly(fullName) || this.adminOnly(tool))) {
      return deny(this.name, 'ADMIN_ONLY_TOOL', `${fullName} is reserved for admins`);
    }
    if (!server) return allow;
    return this.serverAccess(identity, tool, server);
  }

  /** What `tools/list` may show: exactly what `tools/call` would allow at this stage. */
  visible(context: Omit<GovernanceContext, 'input' | 'traceId'>): boolean {
    return this.evaluate({ ...context, input: null, traceId: '' }).denial === null;
  }

  private serverAccess(identity: GovernanceContext['identity'], tool: string, server: McpServerPolicy): StageVerdict {
    const isAdmin = roleAtLeast(identity.role, 'admin');
    if (!isAdmin && !server.access.roles.includes(identity.role)) {
      return deny(this.name, 'ROLE_NOT_ALLOWED', `role ${identity.role} may not use MCP server ${server.name}`);
    }
    for (const scope of server.access.scopes) {
      if (!holdsScope(identity.role, identity.scopes, scope)) return deny(this.name, 'MISSING_SCOPE', `token lacks scope ${scope}`);
    }
    const toolScopes = (identity.scopes ?? []).filter((s) => s.startsWith(`mcp:`) && s.split(':').length === 3);
    if (toolScopes.length > 0 && !toolScopes.some((s) => globMatch(s, `mcp:${server.name}:${tool}`))) {
      return deny(this.name, 'TOOL_SCOPE_MISSING', `token is limited to other tools (mcp:${server.name}:${tool} not granted)`);
    }
    const globs = this.globsFor(server);
    if (!globs.allow(tool) || globs.deny(tool)) return deny(this.name, 'TOOL_NOT_ALLOWED', `tool ${tool} is not allowed on ${server.name}`);
    return allow;
  }

  private globsFor(server: McpServerPolicy) {
    let globs = this.toolGlobs.get(server);
    if (!globs) {
      globs = { allow: compileGlobs(server.tools.allow), deny: compileGlobs(server.tools.deny) };
      this.toolGlobs.set(server, globs);
    }
    return globs;
  }
}
