import { type DynamicModule, Global, Logger, Module, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { createAppContext } from './app-context/app-context.loader';
import type { AppContext } from './app-context/app-context';
import type { AppConfig } from './config/app-config';
import { buildConfig } from './config/config.loader';
import { CONFIG_COMMANDS } from './config/config.commands';
import { loadCredentials, type Credentials } from './credentials/credentials.loader';
import type { SystempromptOptions } from './extension.types';
import { DEFAULT_PROFILE_PATH, loadProfile, type LoadedProfile } from './profile/profile.loader';
import { loadSecrets, type LoadedSecrets } from './secrets/secrets.loader';
import { APP_CONFIG, APP_CONTEXT, BOOTSTRAP_OPTIONS, CREDENTIALS, PROFILE, REDIS, SECRETS } from './bootstrap.tokens';

/** The only place that reads `process.env`: everything else gets it through these stages. */
function environment(options: SystempromptOptions): Readonly<Record<string, string | undefined>> {
  return options.env ?? process.env;
}

@Injectable()
class AppContextLifecycle implements OnApplicationShutdown {
  constructor(@Inject(APP_CONTEXT) private readonly context: AppContext) {}
  async onApplicationShutdown(): Promise<void> {
    await this.context.close();
  }
}

/**
 * Profile → Secrets → Credentials → Config → AppContext, each an async provider that fails
 * fast with a BootstrapError naming the stage, the file and the field.
 */
@Global()
@Module({})
export class BootstrapModule {
  static forRoot(options: SystempromptOptions): DynamicModule {
    const logger = new Logger('Bootstrap');
    return {
      module: BootstrapModule,
      providers: [
        { provide: BOOTSTRAP_OPTIONS, useValue: options },
        {
          provide: PROFILE,
          inject: [BOOTSTRAP_OPTIONS],
          useFactory: (o: SystempromptOptions): LoadedProfile => {
            const env = environment(o);
            return loadProfile({ path: o.profilePath ?? env.SYSTEMPROMPT_PROFILE ?? DEFAULT_PROFILE_PATH, text: o.profileText, env });
          },
        },
        {
          provide: SECRETS,
          inject: [BOOTSTRAP_OPTIONS, PROFILE],
          useFactory: (o: SystempromptOptions, profile: LoadedProfile): LoadedSecrets => {
            const loaded = loadSecrets(profile.profile.secrets, environment(o));
            for (const warning of loaded.warnings) logger.warn(`secrets (${loaded.source}): ${warning}`);
            return loaded;
          },
        },
        {
          provide: CREDENTIALS,
          inject: [BOOTSTRAP_OPTIONS, PROFILE],
          useFactory: (o: SystempromptOptions, profile: LoadedProfile): Credentials =>
            loadCredentials(profile.profile.paths.data, environment(o)),
        },
        {
          provide: APP_CONFIG,
          inject: [BOOTSTRAP_OPTIONS, PROFILE, SECRETS, CREDENTIALS],
          useFactory: (o: SystempromptOptions, profile: LoadedProfile, secrets: LoadedSecrets, credentials: Credentials): AppConfig =>
            buildConfig({
              profile,
              secrets,
              credentials,
              env: environment(o),
              validators: (o.extensions ?? []).flatMap((e) => (e.validateConfig ? [{ name: `extension ${e.name}`, validate: e.validateConfig }] : [])),
            }),
        },
        {
          provide: APP_CONTEXT,
          inject: [BOOTSTRAP_OPTIONS, APP_CONFIG],
          useFactory: (o: SystempromptOptions, config: AppConfig): Promise<AppContext> =>
            createAppContext(config, (o.extensions ?? []).map((e) => ({ name: e.name, version: e.version }))),
        },
        { provide: REDIS, inject: [APP_CONTEXT], useFactory: (ctx: AppContext) => ctx.redis },
        AppContextLifecycle,
        ...CONFIG_COMMANDS,
      ],
      exports: [BOOTSTRAP_OPTIONS, PROFILE, SECRETS, CREDENTIALS, APP_CONFIG, APP_CONTEXT, REDIS],
    };
  }
}
