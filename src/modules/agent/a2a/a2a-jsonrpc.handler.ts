import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../../../common/auth/identity';
import { SseWriter } from '../../gateway/delivery/sse-writer';
import type { AgentDefinition } from '../registry/agent-definition.schema';
import { A2ARpcService } from './a2a-rpc.service';
import type { JsonRpcRequest, StreamEvent } from './a2a.types';
import { JsonRpcError } from './jsonrpc-errors';

export interface RpcHttpCall {
  agent: AgentDefinition;
  identity: Identity;
  traceId: string;
  body: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
  allowed: boolean;
}

/** JSON-RPC 2.0 framing over HTTP: validation, dispatch, error objects, SSE for message/stream. */
@Injectable()
export class A2AJsonRpcHandler {
  private readonly logger = new Logger('A2AJsonRpc');

  constructor(private readonly rpc: A2ARpcService) {}

  async handle(call: RpcHttpCall): Promise<void> {
    const request = call.body as Partial<JsonRpcRequest> | null;
    const id = request && typeof request === 'object' && (typeof request.id === 'string' || typeof request.id === 'number') ? request.id : null;
    if (!request || typeof request !== 'object' || Array.isArray(request) || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
      return this.send(call.reply, 200, new JsonRpcError('INVALID_REQUEST', 'not a JSON-RPC 2.0 request').toJson(id));
    }
    // An agent the caller's role may not use: the refusal is both HTTP 403 and a JSON-RPC error.
    if (!call.allowed) return this.send(call.reply, 403, new JsonRpcError('ACCESS_DENIED', `role ${call.identity.role} may not use agent ${call.agent.name}`).toJson(id));
    const actor: Identity = { ...call.identity, principal: 'a2a', actorUserId: call.identity.userId };
    const context = { agent: call.agent, identity: actor, traceId: call.traceId };
    try {
      switch (request.method) {
        case 'message/send':
          return this.result(call.reply, id, await this.rpc.send(context, request.params));
        case 'message/stream':
          return await this.stream(call, id, (emit) => this.rpc.send(context, request.params, emit));
        case 'tasks/get':
          return this.result(call.reply, id, await this.rpc.get(context, request.params));
        case 'tasks/cancel':
          return this.result(call.reply, id, await this.rpc.cancel(context, request.params));
        case 'tasks/resubscribe':
        case 'tasks/pushNotificationConfig/set':
        case 'tasks/pushNotificationConfig/get':
          throw new JsonRpcError('UNSUPPORTED_OPERATION', `${request.method} is not supported by this agent`);
        default:
          throw new JsonRpcError('METHOD_NOT_FOUND', `method ${request.method} not found`);
      }
    } catch (err) {
      if (call.reply.raw.headersSent) return;
      if (err instanceof JsonRpcError) return this.send(call.reply, 200, err.toJson(id));
      this.logger.error({ err, trace_id: call.traceId }, 'A2A call failed');
      return this.send(call.reply, 200, new JsonRpcError('INTERNAL_ERROR', 'internal error').toJson(id));
    }
  }

  private async stream(call: RpcHttpCall, id: JsonRpcRequest['id'], run: (emit: (e: StreamEvent) => Promise<void>) => Promise<unknown>): Promise<void> {
    const sse = new SseWriter(call.reply, call.traceId);
    const emit = async (event: StreamEvent) => {
      sse.start(200, {});
      await sse.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: event })}\n\n`);
    };
    try {
      await run(emit);
    } catch (err) {
      if (!call.reply.raw.headersSent) throw err;
      const error = err instanceof JsonRpcError ? err : new JsonRpcError('INTERNAL_ERROR', 'internal error');
      await sse.write(`data: ${JSON.stringify(error.toJson(id))}\n\n`);
    }
    sse.end();
  }

  private result(reply: FastifyReply, id: JsonRpcRequest['id'], result: unknown): Promise<void> {
    return this.send(reply, 200, { jsonrpc: '2.0', id, result });
  }

  private async send(reply: FastifyReply, status: number, body: unknown): Promise<void> {
    await reply.status(status).header('content-type', 'application/json').send(body);
  }
}
