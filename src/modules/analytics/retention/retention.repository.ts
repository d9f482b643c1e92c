import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isEmbedded } from '../../../common/database/migration-runner';

/** The append-only tables retention prunes (each has `id` and `created_at`). */
export const RETENTION_TABLES = ['ai_requests', 'governance_decisions', 'audit_events'] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

/** One advisory-lock key for "retention is running" (replicas skip while another prunes). */
const RETENTION_LOCK_KEY = 727_274_500;

/** Batched deletes of old rows, one short statement per batch (no long transaction, no pool hog). */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exists(table: RetentionTable): Promise<boolean> {
    const rows: { t: string | null }[] = await this.dataSource.query('SELECT to_regclass($1)::text AS t', [`public.${table}`]);
    return rows[0]?.t !== null && rows[0]?.t !== undefined;
  }

  /** Deletes up to `limit` rows created before `cutoff`, oldest first; returns how many. */
  async deleteBatch(table: RetentionTable, cutoff: Date, limit: number): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(table)
      .where(`id IN (SELECT id FROM "${table}" WHERE created_at < :cutoff ORDER BY created_at LIMIT :limit)`, { cutoff, limit })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Runs `work` unless another replica is already pruning (PostgreSQL try-lock, no waiting).
   * The embedded database is one process's: there is nobody to exclude.
   */
  async unlessRunningElsewhere<T>(work: () => Promise<T>): Promise<T | null> {
    if (isEmbedded(this.dataSource)) return work();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RETENTION_LOCK_KEY])) as { locked: boolean }[];
      if (!locked) return null;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
