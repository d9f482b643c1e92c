import { SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { CliCommand, CliGroup } from '../../cli/cli-command';
import { formatTable } from '../../cli/print-table';
import { runMigrationsLocked } from './migration-runner';

@SubCommand({ name: 'migrate', description: 'Run pending migrations (under the migration lock)' })
export class DbMigrateCommand extends CliCommand {
  constructor(private readonly dataSource: DataSource) {
    super();
  }
  protected async execute(): Promise<void> {
    const ran = await runMigrationsLocked(this.dataSource);
    this.out(ran.length === 0 ? 'database is up to date' : `applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
  }
}

@SubCommand({ name: 'status', description: 'List migrations and whether each has run' })
export class DbStatusCommand extends CliCommand {
  constructor(private readonly dataSource: DataSource) {
    super();
  }
  protected async execute(): Promise<void> {
    const applied = await this.appliedNames();
    const rows = this.dataSource.migrations.map((m) => [m.name ?? m.constructor.name, applied.has(m.name ?? m.constructor.name) ? 'applied' : 'pending']);
    this.out(formatTable(['migration', 'state'], rows));
    const pending = rows.filter((r) => r[1] === 'pending').length;
    this.out(`\n${rows.length - pending} applied, ${pending} pending`);
  }
  private async appliedNames(): Promise<Set<string>> {
    const exists = await this.dataSource.query(`SELECT to_regclass('schema_migrations') AS t`);
    if (!exists[0]?.t) return new Set();
    const rows: { name: string }[] = await this.dataSource.query('SELECT name FROM schema_migrations');
    return new Set(rows.map((r) => r.name));
  }
}

@SubCommand({ name: 'db', description: 'Database schema', subCommands: [DbMigrateCommand, DbStatusCommand] })
export class DbCommand extends CliGroup {}

export const DB_COMMANDS = [DbCommand, DbMigrateCommand, DbStatusCommand];
