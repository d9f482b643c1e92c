import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../bootstrap/config/app-config';

/**
 * The pub/sub channel events travel on. Replicas of one deployment share a database, so the
 * channel is named after it: two deployments (or two test files) sharing one Redis never see
 * each other's events. An embedded database is one process's, so its channel is private.
 */
export function eventChannelFor(database: AppConfig['database']): string {
  if (database.kind === 'embedded') return `sp:events:local:${randomBytes(6).toString('hex')}`;
  const url = new URL(database.url);
  const identity = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  return `sp:events:${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}
