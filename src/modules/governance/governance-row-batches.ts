import type { BatchWriterOptions } from '../../common/database/batch-writer';

/**
 * How the decision and audit rows are batched: a write starts at 250 rows or 25 ms after the
 * first, so a row dies young. With 1,000-row batches flushed every 200 ms, rows lived across
 * two young-generation GCs under load and were promoted (copied twice, then left for a
 * mark-compact), which is what made the governance p99 (docs/benchmarks.md). Rows that queue
 * behind a write leave together in the next, up to 2,000: 250-row statements alone fell behind
 * a closed loop's 30,000 decision rows/s and the queue grew by hundreds of MB. The queue bound
 * is unchanged: rows wait there while the database is slow or away.
 */
export const GOVERNANCE_ROW_BATCHES: BatchWriterOptions = { maxQueue: 200_000, batchSize: 250, maxBatchSize: 2000, flushIntervalMs: 25 };

/**
 * The same, for writers whose entries are row groups (`RowGroup`: one governed call's stage
 * verdicts or audit points, up to 4 rows): 64 groups start a write (~250 rows), 500 at most
 * leave together (~2,000 rows), and the queue bound is in rows as before.
 */
export const GOVERNANCE_GROUP_BATCHES: BatchWriterOptions = { ...GOVERNANCE_ROW_BATCHES, batchSize: 64, maxBatchSize: 500 };
