import type { AppConfig } from '../config/app-config';
import type { AppContext, ExtensionDescriptor } from './app-context';
import { type EmbeddedDatabaseHandle, startEmbeddedDatabase } from './embedded-database';
import { connectRedis } from './redis.factory';

export const DATABASE_POOL_SIZE = 10;
/**
 * PGlite is one backend session behind a socket that queues protocol messages one by one, so
 * two pooled connections can interleave extended-protocol messages ("portal cannot be run").
 * One connection serialises all access, which is also what PGlite does internally anyway.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** Stage 5: open the database (starting the embedded one if needed) and Redis. */
export async function createAppContext(config: AppConfig, extensions: readonly ExtensionDescriptor[]): Promise<AppContext> {
  let embedded: EmbeddedDatabaseHandle | null = null;
  const connection =
    config.database.kind === 'postgres'
      ? { url: config.database.url }
      : (embedded = await startEmbeddedDatabase(config.database.dataDir, 4)).connection;
  let redis = null;
  try {
    redis = config.redisUrl ? await connectRedis(config.redisUrl, config.secretsSource) : null;
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  let closed = false;
  return {
    database: { kind: config.database.kind, connection, poolSize: embedded ? EMBEDDED_POOL_SIZE : DATABASE_POOL_SIZE },
    redis,
    extensions,
    async close() {
      if (closed) return;
      closed = true;
      if (redis) await redis.quit().catch(() => redis?.disconnect());
      await embedded?.stop();
    },
  };
}
