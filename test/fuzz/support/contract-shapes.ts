/**
 * The error shapes of CONTRACT.md §5, as predicates over a response, and the checks every fuzzed
 * response must pass: no 5xx, a parseable body, the surface's error shape, no stack trace.
 */

/** Which error shape a path answers with. */
export type Surface = 'anthropic' | 'rest' | 'oauth' | 'jsonrpc';

export interface ObservedResponse {
  /** The request's method and URL. */
  method: string;
  url: string;
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** `{"type":"error","error":{"type","message"}}` */
export function isAnthropicError(body: unknown): boolean {
  return isObject(body) && body.type === 'error' && isObject(body.error) && isString(body.error.type) && isString(body.error.message);
}

/** CONTRACT.md §5: the Anthropic error type that goes with each status. */
export function anthropicTypeFor(status: number): string {
  const types: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error', 529: 'overloaded_error' };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** `{"statusCode","error","message","trace_id"}`; validation errors list each field. */
export function isRestError(body: unknown, status: number): boolean {
  if (!isObject(body) || body.statusCode !== status || !isString(body.error) || !isString(body.trace_id)) return false;
  return isString(body.message) || (Array.isArray(body.message) && body.message.every(isString));
}

/** `{decision:"deny",stage,code,reason,trace_id}` */
export function isGovernanceDenial(body: unknown): boolean {
  return isObject(body) && body.decision === 'deny' && isString(body.stage) && isString(body.code) && isString(body.reason) && isString(body.trace_id);
}

/**
 * RFC 6749 §5.2 / RFC 7591 §3.2.2: `{error, error_description?}` with an error code such as
 * `invalid_request` (so the REST shape, whose `error` is "Bad Request", does not pass for one).
 */
export function isOAuthError(body: unknown): boolean {
  return isObject(body) && isString(body.error) && /^[a-z][a-z0-9_]*$/.test(body.error) && (body.error_description === undefined || isString(body.error_description)) && !('statusCode' in body);
}

/** A JSON-RPC 2.0 response: a result, or an error object with an integer code. */
export function isJsonRpcResponse(body: unknown): boolean {
  if (!isObject(body) || body.jsonrpc !== '2.0' || !('id' in body)) return false;
  if ('result' in body) return !('error' in body);
  return isJsonRpcErrorObject(body.error);
}

export function isJsonRpcErrorObject(error: unknown): boolean {
  return isObject(error) && Number.isInteger(error.code) && isString(error.message);
}

/** The MCP SDK's schema failure: zod's issue list, serialised (`[{"code": "invalid_type", …}]`). */
function isMcpSdkSchemaReport(message: string): boolean {
  const parsed = parseJson(message);
  return parsed.ok && Array.isArray(parsed.value) && parsed.value.length > 0 && parsed.value.every((issue) => isObject(issue) && isString(issue.code) && Array.isArray(issue.path));
}

/** Stack frames and server file paths: never in a response, unless the request itself held them. */
const LEAKS: { name: string; pattern: RegExp }[] = [
  { name: 'stack frame', pattern: /(^|\\n|\n)\s*at [^\s()]+ \(?[^()\s]*:\d+:\d+\)?/ },
  { name: 'server path', pattern: /(\/work\/main|node_modules[\\/]|\/src\/(modules|common|bootstrap)\/|\.ts:\d+:\d+)/ },
  { name: 'internal error name', pattern: /\b(TypeError|RangeError|ReferenceError|SyntaxError): [A-Za-z]/ },
];

export function leaksInternals(responseBody: string, requestText: string): string | null {
  for (const { name, pattern } of LEAKS) {
    if (pattern.test(responseBody) && !pattern.test(requestText)) return name;
  }
  return null;
}

function header(res: ObservedResponse, name: string): string {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Every `data:` of an SSE body parses (or is `[DONE]`); an `error` event has the Anthropic shape. */
function sseProblem(body: string, surface: Surface): string | null {
  for (const block of body.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/);
    const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
    const data = lines
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trimStart())
      .join('\n');
    if (!data || data === '[DONE]') continue;
    const parsed = parseJson(data);
    if (!parsed.ok) return `SSE data is not JSON: ${data.slice(0, 120)}`;
    if (event === 'error' && !isAnthropicError(parsed.value)) return 'SSE error event without the Anthropic error shape';
    if (surface === 'jsonrpc' && !isJsonRpcResponse(parsed.value)) return 'SSE data is not a JSON-RPC response';
  }
  return null;
}

/**
 * Refusals of a JSON-RPC endpoint before any JSON-RPC is read keep the REST shape: no credential
 * (401), no access to the server or agent (403), an unknown one (404), a path segment too long
 * (414); a GET or DELETE carries no JSON-RPC message; a dot segment names another route.
 */
function restAllowedOnJsonRpc(status: number, res: ObservedResponse): boolean {
  const path = res.url.split('?')[0]!;
  return [401, 403, 404, 414].includes(status) || res.method !== 'POST' || /\/(\.|%2e){1,2}(\/|$)/i.test(path);
}

function errorShapeProblem(surface: Surface, status: number, body: unknown, res: ObservedResponse): string | null {
  const traceId = header(res, 'x-trace-id');
  switch (surface) {
    case 'anthropic': {
      if (!isAnthropicError(body)) return 'not the Anthropic error shape';
      const type = ((body as Json).error as Json).type;
      return type === anthropicTypeFor(status) ? null : `Anthropic error type ${String(type)} with status ${status} (expected ${anthropicTypeFor(status)})`;
    }
    case 'rest':
      if (isGovernanceDenial(body)) return null;
      if (!isRestError(body, status)) return 'not the REST error shape {statusCode,error,message,trace_id}';
      return (body as Json).trace_id === traceId ? null : 'trace_id differs from the x-trace-id header';
    case 'oauth':
      return isOAuthError(body) ? null : 'not an RFC 6749 / RFC 7591 error {error, error_description}';
    case 'jsonrpc':
      if (isJsonRpcResponse(body)) return null;
      if (!restAllowedOnJsonRpc(status, res)) return `status ${status} without a JSON-RPC error object`;
      return isRestError(body, status) ? null : 'neither a JSON-RPC error nor the REST error shape';
  }
}

/**
 * What is wrong with one response to a fuzzed request, or null. `requestText` is what was sent
 * (URL, headers, body), so that echoes of the input are not mistaken for leaks.
 */
export function contractProblem(surface: Surface, res: ObservedResponse, requestText: string): string | null {
  const status = res.statusCode;
  if (status >= 500) return `status ${status}`;
  const leak = leaksInternals(res.body, requestText);
  if (leak) return `response leaks a ${leak}`;
  const type = header(res, 'content-type');
  if (type.startsWith('text/event-stream')) return status === 200 ? sseProblem(res.body, surface) : `SSE with status ${status}`;
  if (status >= 300 && status < 400) return surface === 'oauth' && header(res, 'location') ? null : `unexpected redirect ${status}`;
  // The authorization endpoint answers browsers with pages (login, consent, error).
  if (surface === 'oauth' && type.startsWith('text/html')) return null;
  // No body: fine for 202/204, and for a 2xx to GET/DELETE (e.g. MCP ending a stateless session).
  if (res.body === '') return status === 202 || status === 204 || (status < 300 && res.method !== 'POST') ? null : `empty body with status ${status}`;
  const parsed = parseJson(res.body);
  if (!parsed.ok) return 'body is not JSON';
  if (status >= 400) return errorShapeProblem(surface, status, parsed.value, res);
  if (surface === 'jsonrpc') {
    const value = parsed.value;
    const responses = Array.isArray(value) ? value : [value];
    if (!responses.every(isJsonRpcResponse)) return 'a 2xx that is not a JSON-RPC response';
    // -32603 is the JSON-RPC 500: the client's input must never cause it. One known exception,
    // documented in docs/security.md: the official MCP SDK answers params that fail its schema
    // with -32603 and the schema issues as the message (JSON-RPC would say -32602).
    const internal = responses.find((r) => (r as { error?: { code?: unknown } }).error?.code === -32603) as { error: { message: string } } | undefined;
    return internal && !isMcpSdkSchemaReport(internal.error.message) ? 'a JSON-RPC internal error (-32603)' : null;
  }
  return null;
}
