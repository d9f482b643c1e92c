import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { Identity } from '../../common/auth/identity';

/** Everything the gateway needs from one HTTP request, taken once by the controller. */
export interface GatewayRequest {
  identity: Identity;
  traceId: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer | null;
  reply: FastifyReply;
  callSource: string;
  agent: string | null;
  startedAt: number;
}

const CALL_SOURCE = /^[a-z0-9_-]{1,32}$/;

export function callSourceOf(headers: IncomingHttpHeaders): string {
  const value = headers['x-call-source'];
  return typeof value === 'string' && CALL_SOURCE.test(value) ? value : 'api';
}
