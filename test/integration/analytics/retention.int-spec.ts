import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { RetentionService } from '../../../src/modules/analytics/retention/retention.service';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { buildDecision, buildRequest, insertDecisions, insertRequests } from './seed-rows';

const DAY = 86_400_000;
const RETENTION = `observability:
  retention: { days: 30, governance_decisions_days: 7, batch_size: 100 }
`;

/** The retention job on a real database: what it deletes, in batches, and what it keeps. */
describe('retention (integration)', () => {
  let t: TestApp;
  let db: DataSource;
  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM "${table}"`))[0].n);
  const ago = (days: number) => new Date(Date.now() - days * DAY);

  beforeAll(async () => {
    t = await createTestApp({ redis: false, profile: RETENTION });
    db = t.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is scheduled on a server', () => {
    const scheduler = t.get<SchedulerRegistry>(SchedulerRegistry);
    expect(scheduler.getIntervals()).toContain('observability-retention');
  });

  it('deletes rows older than each table’s retention, in batches, and keeps the rest', async () => {
    await insertRequests(db, [
      ...Array.from({ length: 250 }, () => buildRequest({ created_at: ago(31) })),
      ...Array.from({ length: 10 }, () => buildRequest({ created_at: ago(29) })),
    ]);
    await insertDecisions(db, [...Array.from({ length: 120 }, () => buildDecision({ created_at: ago(8) })), ...Array.from({ length: 5 }, () => buildDecision({ created_at: ago(6) }))]);
    await db.query(`INSERT INTO audit_events (id, trace_id, seq, point, principal, created_at) VALUES ($1, 't', 1, 'request', 'user', $2), ($3, 't', 2, 'response', 'user', $4)`, [randomUUID(), ago(400), randomUUID(), ago(1)]);

    const outcomes = await t.get<RetentionService>(RetentionService).runOnce();
    expect(outcomes).toEqual([
      { table: 'ai_requests', cutoff: expect.any(String), deleted: 250, present: true },
      { table: 'governance_decisions', cutoff: expect.any(String), deleted: 120, present: true },
      { table: 'audit_events', cutoff: expect.any(String), deleted: 1, present: true },
    ]);
    expect(await count('ai_requests')).toBe(10);
    expect(await count('governance_decisions')).toBe(5);
    expect(await count('audit_events')).toBe(1);
    const metrics = (await t.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^sp_retention_deleted_rows_total\{table="ai_requests"\} 250$/m);
  });

});
