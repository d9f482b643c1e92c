import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from './audit-trail.service';

export interface AuditEventView {
  id: string;
  trace_id: string;
  seq: number;
  point: string;
  user_id: string | null;
  principal: string;
  agent: string | null;
  server: string | null;
  tool: string | null;
  outcome: string | null;
  data: Record<string, unknown>;
  created_at: string;
}

/** Reads the audit trail; queued rows are flushed first so a trace is complete when read. */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {}

  async byTrace(traceId: string): Promise<AuditEventView[]> {
    await this.trail.flush(Date.now() + 2000);
    const rows: (Omit<AuditEventView, 'created_at'> & { created_at: Date })[] = await this.dataSource.query(
      `SELECT id, trace_id, seq, point, user_id, principal, agent, server, tool, outcome, data, created_at FROM audit_events WHERE trace_id = $1 ORDER BY created_at, seq LIMIT 1000`,
      [traceId],
    );
    return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
  }
}
