import type { Redis } from 'ioredis';
import type { PgConnectionOptions } from './embedded-database';

export interface ExtensionDescriptor {
  name: string;
  version?: string;
}

/** Stage 5: the live resources every module shares. */
export interface AppContext {
  readonly database: { kind: 'postgres' | 'embedded'; connection: PgConnectionOptions; poolSize: number };
  readonly redis: Redis | null;
  readonly extensions: readonly ExtensionDescriptor[];
  /** Closes what this stage opened (the embedded server, Redis); the DataSource closes first. */
  close(): Promise<void>;
}
