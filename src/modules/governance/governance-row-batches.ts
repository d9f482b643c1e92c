import type { BatchWriterOptions } from '../../common/database/batch-writer';

/**
 * How the decision and audit rows are batched: small batches, written at most 25 ms after
 * their first row. A row then dies young: with 1,000-row batches flushed every 200 ms, rows
 * lived across two young-generation GCs under load and were promoted (copied twice, then left
 * for a mark-compact), which is what made the governance p99 (docs/benchmarks.md). The
 * queue bound is unchanged: rows wait there while the database is slow or away.
 */
export const GOVERNANCE_ROW_BATCHES: BatchWriterOptions = { maxQueue: 200_000, batchSize: 250, flushIntervalMs: 25 };
