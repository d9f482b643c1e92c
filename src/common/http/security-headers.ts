import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';

/**
 * Security headers on every response (`@fastify/helmet`). The CSP is the strictest one Swagger
 * UI (`/docs`) runs under: its scripts are files from this origin, but it styles with a `<style>`
 * block and style attributes, and draws icons from `data:` URLs. Pages with their own policy
 * (the dashboard: `script-src 'self'`; the OAuth pages: nonces) set it on the route, which
 * replaces this one. No `upgrade-insecure-requests`: the gateway is often reached over plain
 * HTTP on a private network, where upgrading would break the docs.
 */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  xFrameOptions: { action: 'deny' },
};

/**
 * The headers are the same for every response, so they are computed once, by `@fastify/helmet`
 * on a throwaway instance, and then set by one cheap hook. Registered on the app itself, helmet
 * re-parses the CSP directives on every request: a measurable share of a gateway request.
 */
export async function securityHeaders(options: FastifyHelmetOptions = SECURITY_HEADERS): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', (_request, reply) => reply.send(''));
  const response = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const framework = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  return Object.fromEntries(Object.entries(response.headers).filter(([name, value]) => !framework.has(name) && typeof value === 'string')) as Record<string, string>;
}

export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const headers = await securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
}
