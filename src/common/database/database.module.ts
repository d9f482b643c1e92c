import { type BeforeApplicationShutdown, type DynamicModule, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CORE_MIGRATIONS } from '../../../migrations';
import type { AppContext } from '../../bootstrap/app-context/app-context';
import { APP_CONTEXT } from '../../bootstrap/bootstrap.tokens';
import { DB_COMMANDS } from './db.commands';
import { runMigrationsLocked } from './migration-runner';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseModuleOptions {
  extensionMigrations: (new () => unknown)[];
  /** Run pending migrations at start (the server does; `infra db status` does not). */
  migrate: boolean;
}

/** Closes the pool before the AppContext stops the embedded server underneath it. */
@Injectable()
class DataSourceLifecycle implements BeforeApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}
  async beforeApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export function dataSourceOptions(context: AppContext, migrations: (new () => unknown)[]): DataSourceOptions {
  return {
    type: 'postgres',
    ...context.database.connection,
    migrations: [...CORE_MIGRATIONS, ...migrations] as DataSourceOptions['migrations'],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: context.database.poolSize, connectionTimeoutMillis: 5000, spEmbedded: context.database.kind === 'embedded' },
  };
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONTEXT],
          useFactory: (context: AppContext) => ({
            ...dataSourceOptions(context, options.extensionMigrations),
            autoLoadEntities: true,
            retryAttempts: 0,
          }),
          dataSourceFactory: async (dsOptions) => {
            const dataSource = await new DataSource(dsOptions as DataSourceOptions).initialize();
            if (options.migrate) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [DataSourceLifecycle, ...DB_COMMANDS],
    };
  }
}
