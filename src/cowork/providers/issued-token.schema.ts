import { CoworkError } from '../cowork.errors';
import type { IssuedToken } from '../cowork.types';
import { describeResponse, type GatewayResponse } from '../gateway.repository';

/**
 * The token out of an exchange answer: 200 with `{token, ttl, headers}`. Anything else
 * (501 today for mtls and session, 401 for a bad PAT, a malformed body) is a failure of that
 * provider, described in one line without the credential.
 */
export function toIssuedToken(res: GatewayResponse): IssuedToken {
  if (res.status !== 200) throw new CoworkError('PROVIDER_FAILED', describeResponse(res));
  const body = res.body;
  if (typeof body !== 'object' || body === null) throw malformed('the body is not a JSON object');
  const { token, ttl, headers } = body as Record<string, unknown>;
  if (typeof token !== 'string' || token === '') throw malformed('token is missing');
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) throw malformed('ttl is not a positive number');
  return { token, ttl, headers: stringHeaders(headers) };
}

function stringHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw malformed('headers is not an object');
  const out: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header !== 'string') throw malformed(`header ${name} is not a string`);
    out[name] = header;
  }
  return out;
}

function malformed(reason: string): CoworkError {
  return new CoworkError('PROVIDER_FAILED', `malformed answer: ${reason}`);
}
