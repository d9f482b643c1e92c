import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MAX_HEADER_BYTES } from './connection-limits';
import { clientErrorReply, frameworkErrorReply } from './framework-errors';
import { badRequest, bodyProblem, relaysBody, urlProblem } from './request-guard';
import { traceIdFor } from './trace-id';

/**
 * Settings known only after the Config stage has run, read lazily by the adapter: Fastify is
 * constructed before Nest resolves the bootstrap providers.
 */
export interface ServerPolicy {
  trustProxy: boolean | number | string;
  bodyLimit: number;
}

export function createFastifyAdapter(policy: ServerPolicy): FastifyAdapter {
  const adapter = new FastifyAdapter({
    genReqId: traceIdFor,
    requestIdHeader: false,
    logger: false,
    bodyLimit: 64 * 1024 * 1024,
    // Prototype poisoning is refused by the preValidation guard below (request-guard.ts), in the
    // walk it makes over every key anyway, instead of by regular expressions over the raw text.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    routerOptions: { maxParamLength: 256 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: (address: string, hop: number) => trusts(policy.trustProxy, address, hop),
    frameworkErrors: frameworkErrorReply,
    clientErrorHandler: clientErrorReply,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
  });
  const fastify = adapter.getInstance();
  // Routes register during app.init(), after the policy is filled in from the config.
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??= policy.bodyLimit;
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-trace-id', request.id);
    done();
  });
  // Parsed but not yet validated: refuse what recursion or the database cannot take.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const url = request.raw.url ?? '';
    const problem = urlProblem(url) ?? bodyProblem(request.body, { checkStrings: !relaysBody(url) });
    done(problem ? badRequest(problem) : undefined);
  });
  return adapter;
}

function trusts(setting: boolean | number | string, address: string, hop: number): boolean {
  if (typeof setting === 'boolean') return setting;
  if (typeof setting === 'number') return hop < setting;
  return setting
    .split(',')
    .map((s) => s.trim())
    .some((entry) => entry === address || (entry === 'loopback' && (address === '127.0.0.1' || address === '::1' || address.startsWith('::ffff:127.'))));
}
