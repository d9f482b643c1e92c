import { Inject } from '@nestjs/common';
import { SubCommand } from 'nest-commander';
import { stringify } from 'yaml';
import { CliCommand, CliGroup } from '../../cli/cli-command';
import { APP_CONFIG } from '../bootstrap.tokens';
import { maskSecret } from '../secrets/mask-secret';
import type { AppConfig } from './app-config';

/** The effective configuration with every secret masked (schema fields under `secrets`). */
export function maskedConfig(config: AppConfig): Record<string, unknown> {
  const secrets = Object.fromEntries(
    Object.entries(config.secrets).map(([key, value]) =>
      key === 'custom' ? [key, Object.fromEntries(Object.entries(value as Record<string, string>).map(([k, v]) => [k, maskSecret(v)]))] : [key, maskSecret(value as string)],
    ),
  );
  const database = config.database.kind === 'postgres' ? { kind: 'postgres', url: maskSecret(config.database.url) } : config.database;
  return { ...config, secrets, database, redisUrl: config.redisUrl ? maskSecret(config.redisUrl) : null, adminPat: config.adminPat ? maskSecret(config.adminPat) : null };
}

@SubCommand({ name: 'show', description: 'Print the effective configuration (secrets masked)' })
export class ConfigShowCommand extends CliCommand {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }
  protected async execute(): Promise<void> {
    this.out(stringify(maskedConfig(this.config)).trimEnd());
  }
}

@SubCommand({ name: 'config', description: 'Configuration', subCommands: [ConfigShowCommand] })
export class ConfigCommand extends CliGroup {}

export const CONFIG_COMMANDS = [ConfigCommand, ConfigShowCommand];
