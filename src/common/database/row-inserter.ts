import { insertRows, type SqlExecutor } from './multi-row-insert';
import { expandForInsert, type RowGroup } from './row-group';

/** Where the append-only batch writers (decisions, audit, AI requests) send their rows. */
export interface RowInserter {
  insert(table: string, columns: readonly string[], rows: Record<string, unknown>[]): Promise<void>;
  /** The groups' rows (`expandRowGroups`), expanded where they are written. */
  insertGroups(table: string, columns: readonly string[], groups: RowGroup[]): Promise<void>;
  close(): Promise<void>;
}

export const ROW_INSERTER = Symbol('ROW_INSERTER');

/**
 * Rows written on this thread through the application's pool: the embedded database, whose
 * one backend session cannot take a second client (see EMBEDDED_POOL_SIZE).
 */
export class InProcessRowInserter implements RowInserter {
  constructor(private readonly executor: SqlExecutor) {}

  insert(table: string, columns: readonly string[], rows: Record<string, unknown>[]): Promise<void> {
    return insertRows(this.executor, table, columns, rows);
  }

  async insertGroups(table: string, columns: readonly string[], groups: RowGroup[]): Promise<void> {
    await insertRows(this.executor, table, columns, expandForInsert(groups));
  }

  async close(): Promise<void> {
    // The pool is the data source's, closed with it.
  }
}
