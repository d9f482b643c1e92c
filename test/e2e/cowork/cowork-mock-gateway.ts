import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import canonicalize from 'canonicalize';

/** The identity headers the gateway hands the helper (CONTRACT.md §3). */
export const IDENTITY_HEADERS = ['x-user-id', 'x-session-id', 'x-trace-id', 'x-client-id', 'x-tenant-id', 'x-policy-version', 'x-call-source'];

export interface MockGatewayState {
  /** ttl of the next issued token, in seconds. */
  ttl: number;
  manifest: Record<string, unknown>;
  /** When set, the manifest is served with a signature that does not match it. */
  corruptSignature: boolean;
}

export interface MockGateway {
  readonly url: string;
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly state: MockGatewayState;
  /** Requests per "METHOD path". */
  readonly calls: Map<string, number>;
  /** The last Authorization header per "METHOD path". */
  readonly authorization: Map<string, string | undefined>;
  count(route: string): number;
  close(): Promise<void>;
}

/**
 * A real listening stand-in for the gateway's cowork surface: mtls and session answer 501 as the
 * server does today, pat checks the bearer, and the bridge endpoints serve an Ed25519-signed
 * manifest in the format the helper is written against.
 */
export async function startMockGateway(pat: string): Promise<MockGateway> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = 'mock-key-1';
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const state: MockGatewayState = { ttl: 3600, manifest: sampleManifest(), corruptSignature: false };
  const calls = new Map<string, number>();
  const authorization = new Map<string, string | undefined>();
  let issued = 0;

  const routes: Record<string, (req: IncomingMessage) => [number, unknown]> = {
    'POST /v1/gateway/auth/cowork/mtls': () => [501, { error: 'not_implemented', message: 'mtls is not available yet' }],
    'POST /v1/gateway/auth/cowork/session': () => [501, { error: 'not_implemented', message: 'session is not available yet' }],
    'POST /v1/gateway/auth/cowork/pat': (req) => {
      if (req.headers.authorization !== `Bearer ${pat}`) return unauthorized();
      issued += 1;
      const headers = Object.fromEntries(IDENTITY_HEADERS.map((h) => [h, h === 'x-call-source' ? 'cowork' : `${h}-value`]));
      return [200, { token: `gateway-token-${issued}`, ttl: state.ttl, headers }];
    },
    'GET /v1/bridge/manifest': (req) => {
      if (req.headers.authorization !== `Bearer ${pat}`) return unauthorized();
      const signed = state.corruptSignature ? { ...state.manifest, tampered: true } : state.manifest;
      return [200, { manifest: state.manifest, signature: signManifest(signed, privateKey), key_id: keyId }];
    },
    'GET /v1/bridge/pubkey': () => [200, { key_id: keyId, algorithm: 'Ed25519', public_key_pem: publicKeyPem }],
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const route = `${req.method ?? ''} ${req.url ?? ''}`;
      calls.set(route, (calls.get(route) ?? 0) + 1);
      authorization.set(route, req.headers.authorization);
      const [status, body] = routes[route]?.(req) ?? [404, { type: 'error', error: { type: 'not_found_error', message: route } }];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    keyId,
    publicKeyPem,
    state,
    calls,
    authorization,
    count: (route) => calls.get(route) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function signManifest(manifest: unknown, privateKey: KeyObject): string {
  return sign(null, Buffer.from(canonicalize(manifest) ?? '', 'utf8'), privateKey).toString('base64url');
}

function unauthorized(): [number, unknown] {
  return [401, { type: 'error', error: { type: 'authentication_error', message: 'invalid personal access token' } }];
}

/** Key order, nesting, unicode and numbers: what canonicalisation has to get right. */
function sampleManifest(): Record<string, unknown> {
  return {
    version: 1,
    user_id: 'user-123',
    issued_at: '2026-11-23T10:00:00Z',
    skills: [{ name: 'summarise', description: 'Résumé — short & sweet', sha256: 'ab'.repeat(32) }],
    agents: [{ name: 'helper', model: 'claude-sonnet-4-5', mcp_servers: ['files'] }],
    mcp_allowlist: [{ server: 'files', url: 'https://gateway.example/api/v1/mcp/files/mcp', tools: ['read_*'], limits: { per_minute: 60, ratio: 0.5 } }],
  };
}
