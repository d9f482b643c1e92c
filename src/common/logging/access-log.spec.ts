import Fastify, { type FastifyInstance } from 'fastify';
import type { HttpAdapterHost } from '@nestjs/core';
import { CLS_ID, ClsServiceManager } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { AccessLog } from './access-log';
import { traceIdOfCurrentRequest } from './trace-id-mixin';

describe('AccessLog', () => {
  const lines: Record<string, unknown>[] = [];
  let fastify: FastifyInstance;
  const root = Object.getOwnPropertyDescriptor(PinoLogger, 'root');

  beforeAll(async () => {
    const logger = pino({ level: 'info', serializers: { req: (r: { method: string; url: string }) => ({ method: r.method, url: r.url }), res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }) } }, { write: (l: string) => lines.push(JSON.parse(l)) });
    Object.defineProperty(PinoLogger, 'root', { value: logger, configurable: true, writable: true });
    fastify = Fastify({ genReqId: () => 'trace-1' });
    new AccessLog({ httpAdapter: { getInstance: () => fastify } } as unknown as HttpAdapterHost).onModuleInit();
    fastify.get('/ok', async () => ({ ok: true }));
    fastify.get('/boom', async (_req, reply) => reply.code(502).send({ error: 'upstream' }));
    fastify.get('/health/live', async () => ({ ok: true }));
    fastify.get('/metrics', async () => 'x 1');
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
    if (root) Object.defineProperty(PinoLogger, 'root', root);
  });
  beforeEach(() => lines.splice(0));

  it('writes one info line per request with method, path, status, time and trace id', async () => {
    await fastify.inject({ method: 'GET', url: '/ok' });
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request completed', trace_id: 'trace-1', req: { method: 'GET', url: '/ok' }, res: { statusCode: 200 }, responseTime: expect.any(Number) })]);
  });

  it('writes a 5xx as "request errored" at error level', async () => {
    await fastify.inject({ method: 'GET', url: '/boom' });
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 502 } })]);
  });

  it('leaves probes and scrapes out', async () => {
    await fastify.inject({ method: 'GET', url: '/health/live' });
    await fastify.inject({ method: 'GET', url: '/metrics' });
    expect(lines).toEqual([]);
  });
});

describe('traceIdOfCurrentRequest', () => {
  it("gives the request context's id inside a request and nothing outside one", () => {
    const cls = ClsServiceManager.getClsService();
    expect(traceIdOfCurrentRequest()).toEqual({});
    cls.run(() => {
      cls.set(CLS_ID, 'abc123');
      expect(traceIdOfCurrentRequest()).toEqual({ trace_id: 'abc123' });
    });
  });
});
