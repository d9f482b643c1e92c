import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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

export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, SECURITY_HEADERS);
}
