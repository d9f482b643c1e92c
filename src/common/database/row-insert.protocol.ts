import type { PgConnectionOptions } from '../../bootstrap/app-context/embedded-database';
import type { RowGroup } from './row-group';

/** What the insert thread is started with. */
export interface RowInsertWorkerData {
  connection: PgConnectionOptions;
  /** Its pool's size: one statement at a time per batch writer. */
  connections: number;
}

/**
 * One batch to insert, as rows or as row groups the thread expands (`id` pairs it with its
 * reply), or the order to end the pool and exit.
 */
export type RowInsertMessage =
  | { id: number; table: string; columns: readonly string[]; rows: Record<string, unknown>[] }
  | { id: number; table: string; columns: readonly string[]; groups: RowGroup[] }
  | { close: true };

/** A batch's outcome; a refusal keeps its SQLSTATE, which the batch writer reads. */
export interface RowInsertReply {
  id: number;
  error?: { message: string; code?: string };
}
