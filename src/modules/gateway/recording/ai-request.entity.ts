import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One gateway request: who, which model and provider, tokens, cost, latency. Append-only. */
@Entity({ name: 'ai_requests' })
@Index('ix_ai_requests_created', ['createdAt'])
@Index('ix_ai_requests_user_created', ['userId', 'createdAt'])
@Index('ix_ai_requests_model_created', ['model', 'createdAt'])
export class AiRequestEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id' }) id: string;
  @Column({ type: 'varchar', length: 128, name: 'trace_id' }) traceId: string;
  @Column({ type: 'uuid', name: 'user_id', nullable: true }) userId: string | null;
  @Column({ type: 'uuid', name: 'tenant_id', nullable: true }) tenantId: string | null;
  @Column({ type: 'varchar', length: 128, name: 'session_id', nullable: true }) sessionId: string | null;
  @Column({ type: 'varchar', length: 200, name: 'client_id', nullable: true }) clientId: string | null;
  @Column({ type: 'varchar', length: 32, name: 'call_source' }) callSource: string;
  @Column({ type: 'varchar', length: 200, name: 'model' }) model: string;
  @Column({ type: 'varchar', length: 200, name: 'upstream_model', nullable: true }) upstreamModel: string | null;
  @Column({ type: 'varchar', length: 64, name: 'provider', nullable: true }) provider: string | null;
  @Column({ type: 'varchar', length: 200, name: 'route', nullable: true }) route: string | null;
  @Column({ type: 'varchar', length: 32, name: 'endpoint' }) endpoint: string;
  @Column({ type: 'boolean', name: 'streamed' }) streamed: boolean;
  @Column({ type: 'smallint', name: 'status' }) status: number;
  @Column({ type: 'varchar', length: 64, name: 'error_type', nullable: true }) errorType: string | null;
  @Column({ type: 'varchar', length: 64, name: 'stop_reason', nullable: true }) stopReason: string | null;
  @Column({ type: 'integer', name: 'input_tokens', default: 0 }) inputTokens: number;
  @Column({ type: 'integer', name: 'output_tokens', default: 0 }) outputTokens: number;
  @Column({ type: 'integer', name: 'cache_read_tokens', default: 0 }) cacheReadTokens: number;
  @Column({ type: 'integer', name: 'cache_write_tokens', default: 0 }) cacheWriteTokens: number;
  @Column({ type: 'bigint', name: 'cost_microdollars', default: 0 }) costMicrodollars: string;
  @Column({ type: 'integer', name: 'latency_ms' }) latencyMs: number;
  @Column({ type: 'integer', name: 'ttft_ms', nullable: true }) ttftMs: number | null;
  @Column({ type: 'varchar', length: 200, name: 'agent', nullable: true }) agent: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
