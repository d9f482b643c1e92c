/** The OAuth calls of a CLI-style client: dynamic registration, PKCE code flow with a bearer PAT at /authorize, refresh. */
import { createHash, randomBytes } from 'node:crypto';
import { type Answer, call } from './client';

const REDIRECT_URI = 'http://127.0.0.1:48123/callback';
const SCOPE = 'openid offline_access gateway:invoke';

type Tokens = { access_token: string; refresh_token: string; error?: string };

export async function oauthFlows(registerOn: string, userToken: string) {
  const registered = await call<{ client_id: string; client_secret: string }>(registerOn, '/api/v1/oauth/register', {
    body: { redirect_uris: ['http://127.0.0.1/callback'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'client_secret_basic', client_name: 'cluster test', scope: SCOPE },
  });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${registered.text}`);
  const { client_id: clientId, client_secret: secret } = registered.body;
  const basic = { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` };
  const verifiers = new Map<string, string>();

  return {
    /** GET /authorize as the user (bearer PAT); returns the code from the redirect. */
    async authorize(base: string): Promise<string> {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const params = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT_URI, scope: SCOPE, state: randomBytes(8).toString('hex'), code_challenge: challenge, code_challenge_method: 'S256' });
      const res = await call(base, `/api/v1/oauth/authorize?${params}`, { token: userToken });
      const code = res.status === 302 ? new URL(res.headers.get('location')!).searchParams.get('code') : null;
      if (!code) throw new Error(`authorize: ${res.status} ${res.headers.get('location')} ${res.text}`);
      verifiers.set(code, verifier);
      return code;
    },
    redeem(base: string, code: string): Promise<Answer<Tokens>> {
      return call<Tokens>(base, '/api/v1/oauth/token', { headers: basic, form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifiers.get(code)! } });
    },
    refresh(base: string, refreshToken: string): Promise<Answer<Tokens>> {
      return call<Tokens>(base, '/api/v1/oauth/token', { headers: basic, form: { grant_type: 'refresh_token', refresh_token: refreshToken } });
    },
  };
}

export type OauthFlows = Awaited<ReturnType<typeof oauthFlows>>;
