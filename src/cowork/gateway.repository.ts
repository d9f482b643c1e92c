import type { Agent, Dispatcher } from 'undici';
import { CoworkError, describeError, oneLine } from './cowork.errors';

type Undici = typeof import('undici');
let undici: Promise<Undici> | null = null;

/**
 * undici is loaded on the first request, not at start-up: it is most of the helper's start-up
 * time, and a token served from the cache needs no HTTP at all.
 */
export function loadUndici(): Promise<Undici> {
  undici ??= import('undici');
  return undici;
}

export interface GatewayResponse {
  readonly status: number;
  /** The parsed JSON body, or the raw text when the body is not JSON. */
  readonly body: unknown;
}

export interface GatewayCall {
  /** Sent as `Authorization: Bearer …`; never appears in a message. */
  readonly bearer?: string;
  /** A dispatcher of the caller's, e.g. one that presents a client certificate. */
  readonly dispatcher?: Dispatcher;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The only place the helper talks HTTP. Redirects are not followed, so a bearer credential is
 * only ever sent to the configured gateway. Call `close()` when done: an open keep-alive socket
 * would otherwise hold the process (and Claude, waiting for the helper) for seconds.
 */
export class GatewayRepository {
  private agent: Agent | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  get(path: string, call: GatewayCall = {}): Promise<GatewayResponse> {
    return this.send('GET', path, call);
  }

  /** POSTs an empty JSON object: the gateway's body parser refuses an empty JSON body. */
  post(path: string, call: GatewayCall = {}): Promise<GatewayResponse> {
    return this.send('POST', path, call);
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }

  private async send(method: 'GET' | 'POST', path: string, call: GatewayCall): Promise<GatewayResponse> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'systemprompt-cowork' };
    if (call.bearer !== undefined) headers.authorization = `Bearer ${call.bearer}`;
    if (method === 'POST') headers['content-type'] = 'application/json';
    try {
      const { Agent, request } = await loadUndici();
      this.agent ??= new Agent({ connect: { timeout: this.timeoutMs } });
      const res = await request(url, {
        method,
        headers,
        body: method === 'POST' ? '{}' : undefined,
        dispatcher: call.dispatcher ?? this.agent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.body.text();
      return { status: res.statusCode, body: parseJson(text) };
    } catch (error) {
      throw new CoworkError('GATEWAY_UNREACHABLE', `${method} ${url} failed: ${describeError(error)}`);
    }
  }
}

/**
 * One line describing a non-success answer, from whichever error shape the gateway used:
 * `{error, message}`, the Anthropic `{type:"error", error:{type, message}}` or the REST
 * `{statusCode, error, message}`.
 */
export function describeResponse(res: GatewayResponse): string {
  const body = res.body;
  if (typeof body === 'string') return `HTTP ${res.status}${body.trim() === '' ? '' : `: ${oneLine(body, 160)}`}`;
  if (typeof body !== 'object' || body === null) return `HTTP ${res.status}`;
  const record = body as Record<string, unknown>;
  const nested = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : null;
  const kind = nested !== null ? nested.type : record.error;
  const message = nested !== null ? nested.message : record.message;
  const parts = [kind, message].filter((part): part is string => typeof part === 'string' && part !== '');
  return `HTTP ${res.status}${parts.length > 0 ? `: ${oneLine(parts.join(': '), 200)}` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
