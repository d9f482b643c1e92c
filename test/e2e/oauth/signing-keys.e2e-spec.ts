import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { generatePat } from '../../../src/common/auth/personal-access-token';
import { Clock } from '../../../src/common/clock/clock.provider';
import { KeyCipherService } from '../../../src/modules/oauth/keys/key-cipher.service';
import { OauthEnrolCommand, OauthRotateKeysCommand } from '../../../src/modules/oauth/oauth.commands';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { createTestDatabase, type TestDatabase } from '../../utils/test-database';
import { authorizeWithBearer, basic, type OauthTestApp, pkce, postForm, registerClient, startOauthApp } from './oauth-fixture';

const onPostgres = (process.env.DATABASE_URL ?? '').startsWith('postgres');

/** Signing keys: encrypted at rest, published, rotated by the CLI, shared by replicas. */
describe('OAuth signing keys (e2e)', () => {
  let t: OauthTestApp;
  let user: CreatedUser;
  let client: { id: string; secret: string };
  const redirect = 'https://rp.example/cb';

  async function accessToken(): Promise<string> {
    const { verifier, challenge } = await pkce();
    const res = await authorizeWithBearer(t, { response_type: 'code', client_id: client.id, redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid' }, user.token);
    const code = new URL(res.location!).searchParams.get('code')!;
    const tokens = await postForm(t, 'token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirect }, basic(client.id, client.secret));
    return tokens.body.access_token as string;
  }
  const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;
  const jwksKids = async () => (((await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys).map((k) => k.kid);

  async function runCommand(command: { run(params: string[]): Promise<void> }, params: string[]): Promise<string> {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await command.run(params);
    } finally {
      spy.mockRestore();
      errSpy.mockRestore();
    }
    return written.join('');
  }

  beforeAll(async () => {
    t = await startOauthApp();
    user = await createUser(t);
    const reg = await registerClient(t, { redirect_uris: [redirect] });
    client = { id: reg.body.client_id as string, secret: reg.body.client_secret as string };
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates one key on first start, stores it encrypted and publishes only its public part', async () => {
    const rows = await t.get<DataSource>(DataSource).query('SELECT kid, public_jwk, private_key_enc FROM oauth_signing_keys');
    expect(rows).toHaveLength(1);
    const [row] = rows as { kid: string; public_jwk: Record<string, string>; private_key_enc: string }[];
    expect(row!.private_key_enc).not.toMatch(/BEGIN|PRIVATE/);
    const der = t.get<KeyCipherService>(KeyCipherService).decrypt(row!.private_key_enc, row!.kid)!;
    const publicFromPrivate = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
    expect(publicFromPrivate).toMatchObject({ x: row!.public_jwk.x, y: row!.public_jwk.y });
    expect(await jwksKids()).toEqual([row!.kid]);
  });

  it('rotate-keys: the new key signs, the old one keeps verifying until its tokens expire', async () => {
    const before = await accessToken();
    const unused = await accessToken();
    const oldKid = kidOf(before);
    const output = await runCommand(t.get(OauthRotateKeysCommand), []);
    expect(output).toMatch(new RegExp(`^signing key \\S+ is active; retired ${oldKid}`));

    const after = await accessToken();
    expect(kidOf(after)).not.toBe(oldKid);
    expect(await jwksKids()).toEqual([kidOf(after), oldKid]);
    for (const token of [before, after]) expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(token) })).status).toBe(200);

    // Past the old key's verification window (longer than any token it signed), it verifies nothing.
    const clock = t.get<Clock>(Clock);
    const later = Date.now() + 3 * 3600_000;
    const spies = [jest.spyOn(clock, 'nowMs').mockImplementation(() => later), jest.spyOn(clock, 'now').mockImplementation(() => new Date(later))];
    try {
      expect((await fetch(`${t.url}/api/v1/users/me`, { headers: bearer(unused) })).status).toBe(401);
      expect(await jwksKids()).toEqual([kidOf(after)]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('admin oauth enrol prints a one-time link', async () => {
    const output = await runCommand(t.get(OauthEnrolCommand), [user.email]);
    expect(output.trim()).toMatch(new RegExp(`^${t.issuer.replace(/[.]/g, '\\.')}/api/v1/oauth/enrol#token=[A-Za-z0-9_-]{43}$`));
  });

  it('after jwt_secret changes, the unreadable key is retired (still verifying) and a new one signs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-oauth-keys-'));
    const database: TestDatabase = onPostgres ? await createTestDatabase() : { url: `pglite://${join(dir, 'db')}`, drop: async () => undefined };
    try {
      const first = await startOauthApp({ database });
      const [{ kid: oldKid }] = (await first.get<DataSource>(DataSource).query('SELECT kid FROM oauth_signing_keys')) as { kid: string }[];
      await first.close();
      // The bridge manifest key is also sealed with jwt_secret; that module wants it given explicitly then.
      const manifestKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const second = await startOauthApp({ database, env: { JWT_SECRET: 'another-jwt-secret-that-is-long-enough-42', SYSTEMPROMPT_MANIFEST_SIGNING_KEY: manifestKey } });
      try {
        const rows = (await second.get<DataSource>(DataSource).query('SELECT kid, retired_at FROM oauth_signing_keys ORDER BY created_at')) as { kid: string; retired_at: Date | null }[];
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatchObject({ kid: oldKid, retired_at: expect.any(Date) });
        expect(rows[1]!.retired_at).toBeNull();
        const kids = ((await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
        expect(kids).toEqual([rows[1]!.kid, oldKid]);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  (onPostgres ? it : it.skip)('replicas on one database (and Redis) share one key, accept each other’s tokens and revocations', async () => {
    const database = await createTestDatabase();
    const adminToken = generatePat().token;
    const [a, b] = await Promise.all([startOauthApp({ database, redis: true, adminToken }), startOauthApp({ database, redis: true, adminToken })]);
    try {
      const rows = await a.get<DataSource>(DataSource).query('SELECT kid FROM oauth_signing_keys');
      expect(rows).toHaveLength(1);
      const someone = await createUser(a);
      const reg = await registerClient(a, { redirect_uris: [redirect] });
      const { verifier, challenge } = await pkce();
      const res = await authorizeWithBearer(a, { response_type: 'code', client_id: reg.body.client_id as string, redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256' }, someone.token);
      const code = new URL(res.location!).searchParams.get('code')!;
      const tokens = await postForm(b, 'token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirect }, basic(reg.body.client_id as string, reg.body.client_secret as string));
      expect(tokens.status).toBe(200);
      const auth = basic(reg.body.client_id as string, reg.body.client_secret as string);
      const access = tokens.body.access_token as string;
      expect((await fetch(`${a.url}/api/v1/users/me`, { headers: bearer(access) })).status).toBe(200);
      // Revoked through replica b, refused at once by replica a, which had it cached.
      expect((await postForm(b, 'revoke', { token: access }, auth)).status).toBe(200);
      expect((await fetch(`${a.url}/api/v1/users/me`, { headers: bearer(access) })).status).toBe(401);
      // The code is spent on every replica.
      const replay = await postForm(a, 'token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirect }, auth);
      expect(replay.body.error).toBe('invalid_grant');
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
