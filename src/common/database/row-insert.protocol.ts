import type { PgConnectionOptions } from '../../bootstrap/app-context/embedded-database';

/** What the insert thread is started with. */
export interface RowInsertWorkerData {
  connection: PgConnectionOptions;
  /** Its pool's size: one statement at a time per batch writer. */
  connections: number;
}

/** One batch to insert (`id` pairs it with its reply), or the order to end the pool and exit. */
export type RowInsertMessage = { id: number; table: string; columns: readonly string[]; rows: Record<string, unknown>[] } | { close: true };

/** A batch's outcome; a refusal keeps its SQLSTATE, which the batch writer reads. */
export interface RowInsertReply {
  id: number;
  error?: { message: string; code?: string };
}
