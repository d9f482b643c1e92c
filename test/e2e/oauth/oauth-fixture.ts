import { createServer } from 'node:net';
import * as client from 'openid-client';
import { createTestApp, type TestApp, type TestAppOptions } from '../../utils/test-app';

/** A loopback port that was free a moment ago (the issuer URL must name the port before the app listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface OauthTestApp extends TestApp {
  issuer: string;
}

/**
 * The whole app listening on a known port, with `oauth.issuer` naming that port, so that
 * discovery, the `iss` of id_tokens and the redirect back all agree (openid-client checks them).
 * Redis is off unless asked for: these suites present forged and revoked tokens on purpose, and
 * the failed-authentication counter in a shared Redis would block every other suite on 127.0.0.1.
 */
export async function startOauthApp(options: TestAppOptions & { oauth?: string; host?: string } = {}): Promise<OauthTestApp> {
  const port = await freePort();
  const issuer = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const oauth = `oauth:\n  issuer: ${issuer}\n${options.oauth ?? ''}`;
  const t = await createTestApp({ redis: false, ...options, listen: false, profile: `${options.profile ?? ''}${oauth}` });
  await t.app.listen({ port, host: '127.0.0.1' });
  return Object.assign(t, { url: `http://127.0.0.1:${port}`, issuer });
}

/** Options for openid-client against a plain-http test server. */
export const insecure = { execute: [client.allowInsecureRequests] };

export interface Pkce {
  verifier: string;
  challenge: string;
}

export async function pkce(): Promise<Pkce> {
  const verifier = client.randomPKCECodeVerifier();
  return { verifier, challenge: await client.calculatePKCECodeChallenge(verifier) };
}

/** GET /authorize as a CLI would: the user's bearer credential, redirects not followed. */
export async function authorizeWithBearer(t: OauthTestApp, params: Record<string, string>, bearer: string): Promise<{ status: number; location: string | null; body: string }> {
  const url = new URL(`${t.url}/api/v1/oauth/authorize`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { headers: { authorization: `Bearer ${bearer}` }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** Registers a client over HTTP; returns the registration response. */
export async function registerClient(t: OauthTestApp, metadata: Record<string, unknown>, bearer?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}/api/v1/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(metadata),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** POST a form to the token endpoint (or revoke/introspect). */
export async function postForm(t: OauthTestApp, path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${t.url}/api/v1/oauth/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

export function basic(clientId: string, secret: string): { authorization: string } {
  return { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` };
}
