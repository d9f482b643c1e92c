import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '../../../common/auth/identity';
import { roleAtLeast } from '../../../common/auth/roles';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import type { AgentDefinition } from '../registry/agent-definition.schema';
import { AgentRuntime } from '../runtime/agent-runtime';
import { AgentTasksRepository } from '../tasks/agent-tasks.repository';
import { isTaskId, messageParams, taskIdParams } from './a2a-params';
import type { A2AMessage, Artifact, StreamEvent, Task, TaskState } from './a2a.types';
import { JsonRpcError } from './jsonrpc-errors';

export interface RpcCall {
  agent: AgentDefinition;
  identity: Identity;
  traceId: string;
}

/**
 * A2A JSON-RPC methods. Tasks and their history live in PostgreSQL, so `tasks/get` and
 * `tasks/cancel` work on any replica; a running turn notices a cancel between steps.
 */
@Injectable()
export class A2ARpcService {
  private readonly logger = new Logger('A2A');

  constructor(
    private readonly runtime: AgentRuntime,
    private readonly tasks: AgentTasksRepository,
    private readonly events: DomainEventPublisher,
  ) {}

  /** `message/send` and, with `emit`, `message/stream`: one agent turn on a new task. */
  async send(call: RpcCall, params: unknown, emit?: (event: StreamEvent) => Promise<void>): Promise<Task> {
    const { message } = messageParams(params);
    const task: Task = { kind: 'task', id: randomUUID(), contextId: message.contextId ?? randomUUID(), status: { state: 'submitted', timestamp: now() }, history: [], artifacts: [] };
    const incoming: A2AMessage = { ...message, taskId: task.id, contextId: task.contextId };
    task.history = [...(await this.previousTurns(message.taskId, call.identity)), incoming];
    await this.tasks.create(task, call.agent.name, { userId: call.identity.actorUserId ?? call.identity.userId, tenantId: call.identity.tenantId }, call.traceId);
    await emit?.(structuredClone(task));
    await this.transition(call, task, 'working', emit);
    try {
      const result = await this.runtime.run({ agent: call.agent, identity: call.identity, traceId: call.traceId, history: task.history, isCanceled: async () => (await this.tasks.state(task.id)) === 'canceled' });
      if (result.canceled) return (await this.tasks.find(task.id))!.task;
      const answer: A2AMessage = { kind: 'message', messageId: randomUUID(), role: 'agent', parts: [{ kind: 'text', text: result.text }], taskId: task.id, contextId: task.contextId };
      const artifact = { artifactId: randomUUID(), name: 'answer', parts: answer.parts };
      task.history.push(answer);
      task.artifacts = [artifact];
      if (!(await this.transition(call, task, 'completed', emit, answer, artifact))) return (await this.tasks.find(task.id))!.task;
    } catch (err) {
      this.logger.warn(`task ${task.id} failed: ${(err as Error).message}`);
      const failure: A2AMessage = { kind: 'message', messageId: randomUUID(), role: 'agent', parts: [{ kind: 'text', text: publicFailure(err) }], taskId: task.id, contextId: task.contextId };
      await this.transition(call, task, 'failed', emit, failure);
    }
    return task;
  }

  async get(call: RpcCall, params: unknown): Promise<Task> {
    const { id, historyLength } = taskIdParams(params);
    const task = await this.owned(call, id);
    if (historyLength !== undefined && task.history) task.history = historyLength === 0 ? [] : task.history.slice(-historyLength);
    return task;
  }

  async cancel(call: RpcCall, params: unknown): Promise<Task> {
    const { id } = taskIdParams(params);
    await this.owned(call, id);
    if (!(await this.tasks.cancel(id))) throw new JsonRpcError('TASK_NOT_CANCELABLE', `task ${id} is already final`);
    this.events.emit('agent.task.updated', { trace_id: call.traceId, user_id: call.identity.userId, tenant_id: call.identity.tenantId, agent: call.agent.name, task_id: id, state: 'canceled' });
    return (await this.tasks.find(id))!.task;
  }

  private async owned(call: RpcCall, id: string): Promise<Task> {
    const stored = await this.tasks.find(id);
    const owner = call.identity.actorUserId ?? call.identity.userId;
    if (!stored || stored.agent !== call.agent.name || (stored.userId !== owner && !roleAtLeast(call.identity.role, 'auditor'))) {
      throw new JsonRpcError('TASK_NOT_FOUND', `task ${id} not found`);
    }
    return stored.task;
  }

  /** Continuing a task: its history becomes the start of the new task's conversation. */
  private async previousTurns(taskId: string | undefined, identity: Identity): Promise<A2AMessage[]> {
    if (!taskId) return [];
    // A message's taskId is client input: one that is not a uuid would fail the uuid column's cast.
    const stored = isTaskId(taskId) ? await this.tasks.find(taskId) : null;
    if (!stored || (stored.userId !== (identity.actorUserId ?? identity.userId) && !roleAtLeast(identity.role, 'auditor'))) throw new JsonRpcError('TASK_NOT_FOUND', `task ${taskId} not found`);
    return stored.task.history ?? [];
  }

  /** Saves the new state; false when the task was canceled meanwhile (then nothing is emitted). */
  private async transition(call: RpcCall, task: Task, state: TaskState, emit?: (event: StreamEvent) => Promise<void>, message?: A2AMessage, artifact?: Artifact): Promise<boolean> {
    task.status = { state, timestamp: now(), ...(message ? { message } : {}) };
    const saved = await this.tasks.update(task);
    if (!saved) return false;
    if (artifact) await emit?.({ kind: 'artifact-update', taskId: task.id, contextId: task.contextId, artifact, lastChunk: true });
    this.events.emit('agent.task.updated', { trace_id: call.traceId, user_id: call.identity.userId, tenant_id: call.identity.tenantId, agent: call.agent.name, task_id: task.id, state });
    const final = state === 'completed' || state === 'failed' || state === 'canceled';
    await emit?.({ kind: 'status-update', taskId: task.id, contextId: task.contextId, status: task.status, final });
    return true;
  }
}

function now(): string {
  return new Date().toISOString();
}

/** What a failed task tells its caller: the kind of failure, not internals. */
function publicFailure(err: unknown): string {
  const status = (err as { status?: number }).status;
  return typeof status === 'number' ? `The model call failed (status ${status}).` : 'The agent failed to answer.';
}
