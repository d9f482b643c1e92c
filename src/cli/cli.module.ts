import { type DynamicModule, Module } from '@nestjs/common';
import { Command } from 'nest-commander';
import { SystempromptModule, type SystempromptModuleOptions } from '../app.module';
import { ConfigCommand } from '../bootstrap/config/config.commands';
import { DbCommand } from '../common/database/db.commands';
import { AnalyticsCommand } from '../modules/analytics/analytics.commands';
import { OauthCommand } from '../modules/oauth/oauth.commands';
import { UsersCommand } from '../modules/users/users.commands';
import { CliGroup } from './cli-command';

@Command({ name: 'admin', description: 'Administration: users, tokens, configuration', subCommands: [UsersCommand, OauthCommand, ConfigCommand] })
export class AdminCommand extends CliGroup {}

@Command({ name: 'infra', description: 'Infrastructure: database', subCommands: [DbCommand] })
export class InfraCommand extends CliGroup {}

/**
 * The `systemprompt` CLI: the same Nest modules as the server, without HTTP. Each domain
 * registers its own subcommands as providers; this module only adds the top-level groups.
 */
@Module({})
export class CliModule {
  static forRoot(options: SystempromptModuleOptions): DynamicModule {
    return {
      module: CliModule,
      imports: [SystempromptModule.forRoot({ ...options, mode: 'cli' })],
      providers: [AdminCommand, InfraCommand, AnalyticsCommand],
    };
  }
}
