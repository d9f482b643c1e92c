import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { fastifyInstance } from '../http/fastify-instance';
import { CLS_ID, ClsService } from 'nestjs-cls';

/**
 * Opens the request's AsyncLocalStorage context from a Fastify `onRequest` hook, with the
 * trace id as its id. nestjs-cls's own middleware does the same through Nest's middleware
 * layer (@fastify/middie), whose per-request matching and promise chain cost the hot paths
 * several percent of their CPU (docs/benchmarks.md); nothing else here is Nest middleware.
 */
@Injectable()
export class RequestContextHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly cls: ClsService,
  ) {}

  onModuleInit(): void {
    fastifyInstance(this.adapterHost)?.addHook('onRequest', (request, _reply, done) => {
      this.cls.run(() => {
        this.cls.set(CLS_ID, String(request.id));
        done();
      });
    });
  }
}
