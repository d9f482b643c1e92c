import type { A2AMessage } from './a2a.types';
import { JsonRpcError } from './jsonrpc-errors';

/** Validates `message/send` / `message/stream` params: a user message with text parts. */
export function messageParams(params: unknown): { message: A2AMessage } {
  const p = params as { message?: Partial<A2AMessage> } | undefined;
  const m = p?.message;
  if (!m || typeof m !== 'object') throw new JsonRpcError('INVALID_PARAMS', 'params.message is required');
  if (typeof m.messageId !== 'string' || m.messageId.length === 0 || m.messageId.length > 200) throw new JsonRpcError('INVALID_PARAMS', 'params.message.messageId must be a non-empty string');
  if (m.role !== 'user') throw new JsonRpcError('INVALID_PARAMS', "params.message.role must be 'user'");
  if (!Array.isArray(m.parts) || m.parts.length === 0) throw new JsonRpcError('INVALID_PARAMS', 'params.message.parts must be a non-empty array');
  for (const part of m.parts) {
    if (!part || typeof part !== 'object') throw new JsonRpcError('INVALID_PARAMS', 'each part must be an object');
    if (part.kind !== 'text' && part.kind !== 'data') throw new JsonRpcError('CONTENT_TYPE_NOT_SUPPORTED', `part kind ${String((part as { kind?: unknown }).kind)} is not supported (text, data)`);
    if (part.kind === 'text' && typeof part.text !== 'string') throw new JsonRpcError('INVALID_PARAMS', 'a text part needs a string text');
  }
  for (const key of ['contextId', 'taskId'] as const) {
    if (m[key] !== undefined && (typeof m[key] !== 'string' || m[key]!.length > 128)) throw new JsonRpcError('INVALID_PARAMS', `params.message.${key} must be a string`);
  }
  return { message: { kind: 'message', messageId: m.messageId, role: 'user', parts: m.parts, contextId: m.contextId, taskId: m.taskId, metadata: m.metadata } };
}

const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Task ids are uuids this server issued; anything else names no task (and is never queried). */
export function isTaskId(value: unknown): value is string {
  return typeof value === 'string' && TASK_ID.test(value);
}

/** `tasks/get` / `tasks/cancel` params: `{id}` (a uuid). */
export function taskIdParams(params: unknown): { id: string; historyLength?: number } {
  const p = params as { id?: unknown; historyLength?: unknown } | undefined;
  if (!p || !isTaskId(p.id)) throw new JsonRpcError('INVALID_PARAMS', 'params.id must be a task id');
  if (p.historyLength !== undefined && (typeof p.historyLength !== 'number' || p.historyLength < 0)) throw new JsonRpcError('INVALID_PARAMS', 'params.historyLength must be a non-negative number');
  return { id: p.id, historyLength: p.historyLength as number | undefined };
}
