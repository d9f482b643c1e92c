import { Option, SubCommand } from 'nest-commander';
import { systemIdentity } from '../../common/auth/identity';
import { isRole } from '../../common/auth/roles';
import { CliCommand, CliError, CliGroup } from '../../cli/cli-command';
import { formatTable } from '../../cli/print-table';
import { TokensService } from './tokens.service';
import { UsersService } from './users.service';

const actor = () => systemIdentity('cli');

@SubCommand({ name: 'create', description: 'Create a user' })
export class UsersCreateCommand extends CliCommand {
  constructor(private readonly users: UsersService) {
    super();
  }
  protected async execute(_: string[], o: Record<string, unknown>): Promise<void> {
    const role = String(o.role ?? 'user');
    if (!isRole(role) || role === 'anonymous') throw new CliError(`--role must be one of user, developer, agent_operator, auditor, admin`);
    if (!o.email) throw new CliError('--email is required');
    const user = await this.users.create(actor(), { email: String(o.email), name: String(o.name ?? o.email), role }, 'cli');
    this.out(formatTable(['id', 'email', 'name', 'role'], [[user.id, user.email, user.name, user.role]]));
  }
  @Option({ flags: '--email <email>', description: 'email address (unique)', required: true })
  email(v: string) { return v; }
  @Option({ flags: '--name <name>', description: 'display name' })
  name(v: string) { return v; }
  @Option({ flags: '--role <role>', description: 'user | developer | agent_operator | auditor | admin', defaultValue: 'user' })
  role(v: string) { return v; }
}

@SubCommand({ name: 'list', description: 'List users' })
export class UsersListCommand extends CliCommand {
  constructor(private readonly users: UsersService) {
    super();
  }
  protected async execute(): Promise<void> {
    const [rows] = await this.users.list(actor(), 0, 500);
    this.out(formatTable(['id', 'email', 'name', 'role', 'status', 'created'], rows.map((u) => [u.id, u.email, u.name, u.role, u.status, u.createdAt.toISOString()])));
  }
}

@SubCommand({ name: 'role', arguments: '<user> <role>', description: "Change a user's role (user: id or email)" })
export class UsersRoleCommand extends CliCommand {
  constructor(private readonly users: UsersService) {
    super();
  }
  protected async execute([ref, role]: string[]): Promise<void> {
    if (!isRole(role) || role === 'anonymous') throw new CliError(`role must be one of user, developer, agent_operator, auditor, admin`);
    const user = await this.users.find(actor(), ref!);
    const updated = await this.users.update(actor(), user.id, { role });
    this.out(`${updated.email}: role ${updated.role}`);
  }
}

@SubCommand({ name: 'disable', arguments: '<user>', description: 'Disable a user; their tokens stop working at once' })
export class UsersDisableCommand extends CliCommand {
  constructor(private readonly users: UsersService) {
    super();
  }
  protected async execute([ref]: string[]): Promise<void> {
    const user = await this.users.find(actor(), ref!);
    await this.users.update(actor(), user.id, { status: 'disabled' });
    this.out(`${user.email}: disabled`);
  }
}

@SubCommand({ name: 'issue', arguments: '<user>', description: 'Issue a personal access token (printed once)' })
export class PatIssueCommand extends CliCommand {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {
    super();
  }
  protected async execute([ref]: string[], o: Record<string, unknown>): Promise<void> {
    if (!o.name) throw new CliError('--name is required');
    const user = await this.users.find(actor(), ref!);
    const scopes = typeof o.scopes === 'string' ? o.scopes.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const expiresAt = typeof o.expires === 'string' ? parseExpiry(o.expires) : null;
    const { entity, token } = await this.tokens.issue(actor(), user.id, { name: String(o.name), scopes, expiresAt }, 'cli');
    process.stderr.write(`token ${entity.id} for ${user.email} (shown once):\n`);
    this.out(token);
  }
  @Option({ flags: '--name <name>', description: 'token name', required: true })
  name(v: string) { return v; }
  @Option({ flags: '--scopes <scopes>', description: 'comma-separated scopes (default: all the role allows)' })
  scopes(v: string) { return v; }
  @Option({ flags: '--expires <when>', description: 'ISO date, or a duration like 30d, 12h' })
  expires(v: string) { return v; }
}

@SubCommand({ name: 'revoke', arguments: '<token>', description: 'Revoke a token by id or prefix (sp-live-<12 hex>)' })
export class PatRevokeCommand extends CliCommand {
  constructor(private readonly tokens: TokensService) {
    super();
  }
  protected async execute([ref]: string[]): Promise<void> {
    const token = await this.tokens.revokeByReference(actor(), ref!, 'cli');
    this.out(`revoked ${token.id} (sp-live-${token.prefix})`);
  }
}

@SubCommand({ name: 'pat', description: 'Personal access tokens', subCommands: [PatIssueCommand, PatRevokeCommand] })
export class PatCommand extends CliGroup {}

@SubCommand({ name: 'users', description: 'Users and their tokens', subCommands: [UsersCreateCommand, UsersListCommand, UsersRoleCommand, UsersDisableCommand, PatCommand] })
export class UsersCommand extends CliGroup {}

export const USERS_COMMANDS = [UsersCommand, UsersCreateCommand, UsersListCommand, UsersRoleCommand, UsersDisableCommand, PatCommand, PatIssueCommand, PatRevokeCommand];

function parseExpiry(value: string): Date {
  const duration = /^(\d+)([dhm])$/.exec(value);
  if (duration) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[duration[2] as 'd' | 'h' | 'm'];
    return new Date(Date.now() + Number(duration[1]) * unit);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new CliError('--expires must be an ISO date or a duration like 30d');
  return date;
}

