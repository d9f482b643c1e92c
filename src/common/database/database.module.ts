import { type BeforeApplicationShutdown, type DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CORE_MIGRATIONS } from '../../../migrations';
import type { AppContext } from '../../bootstrap/app-context/app-context';
import { APP_CONTEXT } from '../../bootstrap/bootstrap.tokens';
import { DB_COMMANDS } from './db.commands';
import { runMigrationsLocked } from './migration-runner';
import { RowInsertThread } from './row-insert-thread';
import { InProcessRowInserter, ROW_INSERTER, type RowInserter } from './row-inserter';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseModuleOptions {
  extensionMigrations: (new () => unknown)[];
  /** Run pending migrations at start (the server does; `infra db status` does not). */
  migrate: boolean;
}

/**
 * Closes the row inserter (its batch writers flushed in `onModuleDestroy`), then the pool,
 * before the AppContext stops the embedded server underneath them.
 */
@Injectable()
class DataSourceLifecycle implements BeforeApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ROW_INSERTER) private readonly rowInserter: RowInserter,
  ) {}
  async beforeApplicationShutdown(): Promise<void> {
    await this.rowInserter.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** One statement at a time per batch writer: decisions, audit events, AI requests. */
const ROW_INSERT_CONNECTIONS = 3;

/** Batch rows go through their own thread, except on the embedded database (one session). */
function rowInserterFor(context: AppContext, dataSource: DataSource): RowInserter {
  if (context.database.kind === 'embedded') return new InProcessRowInserter(dataSource);
  return new RowInsertThread({ connection: context.database.connection, connections: ROW_INSERT_CONNECTIONS });
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
      global: true,
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
      providers: [{ provide: ROW_INSERTER, inject: [APP_CONTEXT, DataSource], useFactory: rowInserterFor }, DataSourceLifecycle, ...DB_COMMANDS],
      exports: [ROW_INSERTER],
    };
  }
}
