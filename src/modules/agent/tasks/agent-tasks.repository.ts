import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { A2AMessage, Artifact, Task, TaskState } from '../a2a/a2a.types';

interface TaskRow {
  id: string;
  context_id: string;
  agent: string;
  user_id: string | null;
  state: TaskState;
  status_message: A2AMessage | null;
  history: A2AMessage[];
  artifacts: Artifact[];
  updated_at: Date;
}

export interface StoredTask {
  task: Task;
  agent: string;
  userId: string | null;
}

/** The only place that touches `agent_tasks`. */
@Injectable()
export class AgentTasksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(task: Task, agent: string, owner: { userId: string | null; tenantId: string | null }, traceId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO agent_tasks (id, context_id, agent, user_id, tenant_id, trace_id, state, status_message, history, artifacts) VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9::jsonb,$10::jsonb)`,
      [task.id, task.contextId, agent, owner.userId, owner.tenantId, traceId, task.status.state, JSON.stringify(task.status.message ?? null), JSON.stringify(task.history ?? []), JSON.stringify(task.artifacts ?? [])],
    );
  }

  /** Saves a new state unless the task already reached a final one (a cancel is never undone). */
  async update(task: Task): Promise<boolean> {
    const result: unknown[] = await this.db.query(
      `UPDATE agent_tasks SET state = $2, status_message = $3::jsonb, history = $4::jsonb, artifacts = $5::jsonb, updated_at = now()
       WHERE id = $1 AND state NOT IN ('completed','canceled','failed','rejected') RETURNING id`,
      [task.id, task.status.state, JSON.stringify(task.status.message ?? null), JSON.stringify(task.history ?? []), JSON.stringify(task.artifacts ?? [])],
    );
    return rowCount(result) > 0;
  }

  /** Atomic cancel: only a task that is not final yet. */
  async cancel(id: string): Promise<boolean> {
    const result: unknown[] = await this.db.query(`UPDATE agent_tasks SET state = 'canceled', updated_at = now() WHERE id = $1 AND state NOT IN ('completed','canceled','failed','rejected') RETURNING id`, [id]);
    return rowCount(result) > 0;
  }

  async state(id: string): Promise<TaskState | null> {
    const rows: { state: TaskState }[] = await this.db.query(`SELECT state FROM agent_tasks WHERE id = $1`, [id]);
    return rows[0]?.state ?? null;
  }

  async find(id: string): Promise<StoredTask | null> {
    const rows: TaskRow[] = await this.db.query(`SELECT id, context_id, agent, user_id, state, status_message, history, artifacts, updated_at FROM agent_tasks WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    const task: Task = {
      kind: 'task',
      id: row.id,
      contextId: row.context_id,
      status: { state: row.state, ...(row.status_message ? { message: row.status_message } : {}), timestamp: row.updated_at.toISOString() },
      artifacts: row.artifacts,
      history: row.history,
    };
    return { task, agent: row.agent, userId: row.user_id };
  }
}

/** `UPDATE … RETURNING` comes back as rows (pg) or [rows, count] (TypeORM's postgres driver). */
function rowCount(result: unknown[]): number {
  if (Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return result.length;
}
