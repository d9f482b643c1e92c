import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { OAuthError } from '../oauth.errors';
import type { ClientAuthMethod } from './oauth-client.entity';

/** How a client identified itself at the token, revocation or introspection endpoint. */
export interface PresentedClient {
  method: ClientAuthMethod;
  clientId: string;
  secret: string | null;
}

/**
 * The client credentials on a request (RFC 6749 §2.3.1): HTTP Basic (`client_secret_basic`),
 * `client_id` + `client_secret` in the form (`client_secret_post`), or `client_id` alone for a
 * public client (`none`). Using two methods at once is an invalid_request; none at all is null.
 */
export const ClientCredentials = createParamDecorator((_data: unknown, context: ExecutionContext): PresentedClient | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return presentedClient(request.headers.authorization, (request.body ?? {}) as Record<string, unknown>);
});

export function presentedClient(authorization: string | undefined, body: Record<string, unknown>): PresentedClient | null {
  const bodyId = single(body.client_id, 'client_id');
  const bodySecret = single(body.client_secret, 'client_secret');
  const basic = parseBasic(authorization);
  if (basic) {
    if (bodySecret !== null) throw new OAuthError('INVALID_REQUEST', 'use one client authentication method, not two');
    if (bodyId !== null && bodyId !== basic.clientId) throw new OAuthError('INVALID_REQUEST', 'client_id does not match the Authorization header');
    return { method: 'client_secret_basic', ...basic };
  }
  if (bodyId === null) {
    if (bodySecret !== null) throw new OAuthError('INVALID_REQUEST', 'client_secret without client_id');
    return null;
  }
  return bodySecret !== null ? { method: 'client_secret_post', clientId: bodyId, secret: bodySecret } : { method: 'none', clientId: bodyId, secret: null };
}

function parseBasic(header: string | undefined): { clientId: string; secret: string } | null {
  if (typeof header !== 'string' || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new OAuthError('INVALID_CLIENT', 'malformed Basic credentials');
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError('INVALID_CLIENT', 'malformed Basic credentials');
  }
}

/** RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function single(value: unknown, name: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new OAuthError('INVALID_REQUEST', `${name} must be given once`);
  return value;
}
