import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchWriter } from '../../../common/database/batch-writer';
import { ROW_INSERTER, type RowInserter } from '../../../common/database/row-inserter';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import { AiRequestEntity } from './ai-request.entity';

export type AiRequestRecord = Omit<AiRequestEntity, 'costMicrodollars'> & { costMicrodollars: number };

/**
 * Every gateway request becomes one `ai_requests` row, written in batches off the response
 * path and flushed at shutdown; the matching domain event is emitted at once.
 */
@Injectable()
export class RequestRecorder implements OnModuleDestroy {
  private readonly writer: BatchWriter<AiRequestRecord>;

  constructor(
    dataSource: DataSource,
    @Inject(ROW_INSERTER) inserter: RowInserter,
    private readonly events: DomainEventPublisher,
  ) {
    // One plain multi-row INSERT per batch: TypeORM's query builder spends more CPU building a
    // 500-row statement than the gateway spends on the requests it records. Column names come
    // from the entity's metadata, so the entity stays the one description of the table.
    const columns = dataSource.getMetadata(AiRequestEntity).columns.map((c) => ({ name: c.databaseName, property: c.propertyName as keyof AiRequestRecord }));
    const toColumns = (row: AiRequestRecord): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const c of columns) out[c.name] = row[c.property];
      out.cost_microdollars = String(row.costMicrodollars); // bigint column
      return out;
    };
    const names = columns.map((c) => c.name);
    this.writer = new BatchWriter<AiRequestRecord>(
      'ai_requests',
      async (rows) => {
        await inserter.insert('ai_requests', names, rows.map(toColumns));
      },
      { maxQueue: 100_000, batchSize: 500, flushIntervalMs: 200 },
    );
  }

  record(row: AiRequestRecord): void {
    this.writer.enqueue(row);
    const occurredAt = row.createdAt.toISOString();
    if (row.status < 400 && !row.errorType) {
      this.events.emit('ai.request.completed', {
        trace_id: row.traceId,
        user_id: row.userId,
        tenant_id: row.tenantId,
        occurred_at: occurredAt,
        request_id: row.id,
        model: row.model,
        upstream_model: row.upstreamModel ?? row.model,
        provider: row.provider ?? '',
        route: row.route ?? '',
        streamed: row.streamed,
        status: row.status,
        input_tokens: row.inputTokens,
        output_tokens: row.outputTokens,
        cache_read_tokens: row.cacheReadTokens,
        cache_write_tokens: row.cacheWriteTokens,
        cost_microdollars: row.costMicrodollars,
        latency_ms: row.latencyMs,
        ttft_ms: row.ttftMs,
        call_source: row.callSource,
      });
    } else {
      this.events.emit('ai.request.failed', { trace_id: row.traceId, user_id: row.userId, tenant_id: row.tenantId, occurred_at: occurredAt, request_id: row.id, model: row.model, provider: row.provider, status: row.status, error_type: row.errorType ?? 'api_error', latency_ms: row.latencyMs });
    }
  }

  get stats() {
    return this.writer.stats;
  }

  flush(deadline?: number): Promise<void> {
    return this.writer.flush(deadline);
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.flush(Date.now() + 15_000);
  }
}
