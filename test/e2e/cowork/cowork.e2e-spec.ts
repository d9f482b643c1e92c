import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, Sandbox, singleJson } from './cowork-cli';
import { IDENTITY_HEADERS, type MockGateway, startMockGateway } from './cowork-mock-gateway';
import { createTestPki, hasOpenssl, type MtlsGateway, startMtlsGateway, type TestPki } from './cowork-test-pki';

const PAT = `sp-live-0123456789ab.${'5f'.repeat(26)}`;
const PAT_ROUTE = 'POST /v1/gateway/auth/cowork/pat';

describe('systemprompt-cowork (e2e, built binary)', () => {
  let gw: MockGateway;

  beforeAll(async () => {
    ensureBuilt();
    gw = await startMockGateway(PAT);
  }, 180_000);

  afterAll(async () => {
    await gw.close();
    Sandbox.removeAll();
  });

  const patConfig = (extra = ''): string => `gateway_url = "${gw.url}/"\npat = "${PAT}"\n${extra}`;

  describe('token (default command)', () => {
    it('prints exactly one JSON object {token, ttl, headers} and nothing else on stdout', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      const before = gw.count(PAT_ROUTE);
      const res = await sb.run([]);
      expect(res.code).toBe(0);
      const out = singleJson(res.stdout);
      expect(Object.keys(out).sort()).toEqual(['headers', 'token', 'ttl']);
      expect(out.token).toMatch(/^gateway-token-\d+$/);
      expect(out.ttl).toBe(3600);
      expect(Object.keys(out.headers as object).sort()).toEqual([...IDENTITY_HEADERS].sort());
      expect(gw.count(PAT_ROUTE)).toBe(before + 1);
      expect(gw.authorization.get(PAT_ROUTE)).toBe(`Bearer ${PAT}`);
    });

    it('falls through mtls and session (501) to pat, noting each on stderr', async () => {
      const sb = new Sandbox();
      writeFileSync(sb.path('device.crt'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(sb.path('device.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
      sb.writeConfig(patConfig(`[session]\ntoken = "session-secret"\n[mtls]\ncert = "${sb.path('device.crt')}"\nkey = "${sb.path('device.key')}"\n`));
      const mtls = gw.count('POST /v1/gateway/auth/cowork/mtls');
      const session = gw.count('POST /v1/gateway/auth/cowork/session');
      const res = await sb.run([]);
      expect(res.code).toBe(0);
      expect(singleJson(res.stdout).token).toMatch(/^gateway-token-/);
      expect(gw.count('POST /v1/gateway/auth/cowork/mtls')).toBe(mtls + 1);
      expect(gw.authorization.get('POST /v1/gateway/auth/cowork/mtls')).toBeUndefined();
      expect(gw.count('POST /v1/gateway/auth/cowork/session')).toBe(session + 1);
      expect(gw.authorization.get('POST /v1/gateway/auth/cowork/session')).toBe('Bearer session-secret');
      expect(res.stderr).toMatch(/mtls: HTTP 501: not_implemented.*; trying session/);
      expect(res.stderr).toMatch(/session: HTTP 501: not_implemented.*; trying pat/);
      expect(res.stderr).not.toContain('session-secret');
    });

    it('caches the token with mode 0600 in a 0700 folder, without the credential', async () => {
      const sb = new Sandbox().writeConfig(patConfig('[session]\ntoken = "session-secret"\n'));
      expect((await sb.run([])).code).toBe(0);
      expect(statSync(sb.cacheFile).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(sb.cacheFile)).mode & 0o777).toBe(0o700);
      const text = readFileSync(sb.cacheFile, 'utf8');
      expect(text).not.toContain(PAT);
      expect(text).not.toContain(PAT.split('.')[1]);
      expect(text).not.toContain('session-secret');
      const entry = JSON.parse(text).entries[0];
      expect(entry).toMatchObject({ gateway_url: gw.url, provider: 'pat', credential_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('serves a second run from the cache, with the remaining lifetime as ttl', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      const first = singleJson((await sb.run([])).stdout);
      const calls = gw.count(PAT_ROUTE);
      const second = await sb.run([]);
      expect(second.code).toBe(0);
      const out = singleJson(second.stdout);
      expect(gw.count(PAT_ROUTE)).toBe(calls);
      expect(out.token).toBe(first.token);
      expect(out.headers).toEqual(first.headers);
      expect(out.ttl).toBeLessThanOrEqual(3600);
      expect(out.ttl).toBeGreaterThan(3500);
    });

    it('fetches a new token once the cached one is within 60 s of expiry', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      const first = singleJson((await sb.run([])).stdout);
      const cache = JSON.parse(readFileSync(sb.cacheFile, 'utf8'));
      cache.entries[0].obtained_at = Date.now() / 1000 - 3600 + 30;
      writeFileSync(sb.cacheFile, JSON.stringify(cache));
      const calls = gw.count(PAT_ROUTE);
      const out = singleJson((await sb.run([])).stdout);
      expect(gw.count(PAT_ROUTE)).toBe(calls + 1);
      expect(out.token).not.toBe(first.token);
      expect(out.ttl).toBe(3600);
    });

    it('--no-cache neither reads nor writes the cache', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      expect((await sb.run(['--no-cache'])).code).toBe(0);
      expect(existsSync(sb.cacheFile)).toBe(false);
      await sb.run([]);
      const calls = gw.count(PAT_ROUTE);
      expect((await sb.run(['--no-cache'])).code).toBe(0);
      expect(gw.count(PAT_ROUTE)).toBe(calls + 1);
    });

    it('takes the gateway URL and the PAT from the environment, over the file', async () => {
      const sb = new Sandbox().writeConfig('gateway_url = "http://127.0.0.1:9"\npat = "sp-live-000000000000.wrong"\n');
      const res = await sb.run([], { SP_COWORK_GATEWAY_URL: gw.url, SP_COWORK_PAT: PAT });
      expect(res.code).toBe(0);
      expect(singleJson(res.stdout).token).toMatch(/^gateway-token-/);
    });

    it('exits non-zero with empty stdout and a one-line reason on a bad PAT', async () => {
      const sb = new Sandbox().writeConfig(`gateway_url = "${gw.url}"\npat = "sp-live-000000000000.${'0'.repeat(52)}"\n`);
      const res = await sb.run([]);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(res.stderr).toContain('pat: HTTP 401: authentication_error');
      expect(existsSync(sb.cacheFile)).toBe(false);
    });

    it('exits 2 naming both places when no gateway URL is configured', async () => {
      const res = await new Sandbox().run([], { SP_COWORK_PAT: PAT });
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(/no gateway URL configured: set gateway_url in .*cowork\.toml or SP_COWORK_GATEWAY_URL/);
    });

    it('exits 2 naming an unknown key of cowork.toml', async () => {
      const sb = new Sandbox().writeConfig(patConfig('[mtls]\ncert = "a"\nkey = "b"\npassword = "x"\n'));
      const res = await sb.run([]);
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain(`${sb.configFile}: mtls.password: unknown key`);
    });

    it('exits 2 on invalid TOML without echoing the file', async () => {
      const sb = new Sandbox().writeConfig(`pat = "${PAT}"\ngateway_url = \n`);
      const res = await sb.run([]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/line 2, column \d+: invalid TOML/);
      expect(res.stderr).not.toContain(PAT);
    });
  });

  // Issuing X.509 certificates needs openssl; without it this block is skipped, not failed.
  (hasOpenssl() ? describe : describe.skip)('mtls over TLS', () => {
    let pki: TestPki;
    let tls: MtlsGateway;
    let sb: Sandbox;

    beforeAll(async () => {
      sb = new Sandbox();
      pki = createTestPki(sb.home);
      tls = await startMtlsGateway(pki);
      sb.writeConfig(`gateway_url = "${tls.url}"\n[mtls]\ncert = "${pki.deviceCert}"\nkey = "${pki.deviceKey}"\n`);
    });

    afterAll(async () => {
      await tls.close();
    });

    it('presents the device certificate and prints the token it earns, then serves it from the cache', async () => {
      const res = await sb.run([], { NODE_EXTRA_CA_CERTS: pki.caCert });
      expect(res.code).toBe(0);
      expect(singleJson(res.stdout)).toEqual({ token: 'mtls-token-device-1', ttl: 900, headers: { 'x-client-id': 'device-1' } });
      expect(tls.presented).toEqual(['device-1']);
      expect(singleJson((await sb.run([], { NODE_EXTRA_CA_CERTS: pki.caCert })).stdout).token).toBe('mtls-token-device-1');
      expect(tls.presented).toEqual(['device-1']);
    });

    it('verifies the gateway certificate: an unknown CA is a failure, not a silent downgrade', async () => {
      const res = await sb.run(['--no-cache']);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain('mtls: POST');
      expect(res.stderr).toMatch(/certificate/);
    });
  });

  describe('manifest commands', () => {
    const files = (dir: string) => [path.join(dir, 'manifest.json'), path.join(dir, 'manifest.sig.json')];

    it('sync verifies and writes manifest.json and manifest.sig.json (0644) and prints a summary', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      const target = sb.path('claude');
      const res = await sb.run(['sync', '--target', target]);
      expect(res.code).toBe(0);
      expect(singleJson(res.stdout)).toMatchObject({ command: 'sync', status: 'ok', target, key_id: gw.keyId, files: files(target) });
      for (const file of files(target)) expect(statSync(file).mode & 0o777).toBe(0o644);
      expect(JSON.parse(readFileSync(files(target)[0] ?? '', 'utf8'))).toEqual(gw.state.manifest);
      const sig = JSON.parse(readFileSync(files(target)[1] ?? '', 'utf8'));
      expect(sig).toEqual({ signature: expect.stringMatching(/^[A-Za-z0-9_-]+$/), key_id: gw.keyId, public_key_pem: gw.publicKeyPem });
      expect(gw.authorization.get('GET /v1/bridge/manifest')).toBe(`Bearer ${PAT}`);
    });

    it('validate accepts what sync wrote and rejects a tampered manifest', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      const target = sb.path('claude');
      expect((await sb.run(['sync', '--target', target])).code).toBe(0);
      const ok = await sb.run(['validate', '--target', target]);
      expect(ok.code).toBe(0);
      expect(singleJson(ok.stdout)).toMatchObject({ command: 'validate', status: 'ok', key_id: gw.keyId });

      const manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8'));
      manifest.mcp_allowlist[0].tools.push('delete_*');
      writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest));
      const bad = await sb.run(['validate', '--target', target]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('does not verify');
    });

    it('validate fails when nothing was synced', async () => {
      const sb = new Sandbox();
      const res = await sb.run(['validate', '--target', sb.path('empty')]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('run sync first');
    });

    it('sync refuses a manifest whose signature does not verify, writing nothing', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      gw.state.corruptSignature = true;
      try {
        const res = await sb.run(['sync', '--target', sb.path('claude')]);
        expect(res.code).toBe(1);
        expect(res.stderr).toContain('does not verify; nothing was written');
      } finally {
        gw.state.corruptSignature = false;
      }
      for (const file of files(sb.path('claude'))) expect(existsSync(file)).toBe(false);
    });

    it('sync refuses when the gateway key differs from the pinned key', async () => {
      const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const sb = new Sandbox().writeConfig(patConfig(`[manifest]\npublic_key = '''\n${other}'''\n`));
      const res = await sb.run(['sync', '--target', sb.path('claude')]);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain('is not the key pinned in');
      for (const file of files(sb.path('claude'))) expect(existsSync(file)).toBe(false);
    });

    it('sync accepts the pinned key when it matches, whatever its PEM layout', async () => {
      const sb = new Sandbox().writeConfig(patConfig(`[manifest]\npublic_key = '''\n\n${gw.publicKeyPem}\n'''\n`));
      expect((await sb.run(['sync', '--target', sb.path('claude')])).code).toBe(0);
    });

    it('uninstall removes both files and the token cache', async () => {
      const sb = new Sandbox().writeConfig(patConfig());
      const target = sb.path('claude');
      expect((await sb.run([])).code).toBe(0);
      expect((await sb.run(['sync', '--target', target])).code).toBe(0);
      const res = await sb.run(['uninstall', '--target', target]);
      expect(res.code).toBe(0);
      expect(singleJson(res.stdout)).toEqual({ command: 'uninstall', status: 'ok', target, removed: [...files(target), sb.cacheFile] });
      for (const file of [...files(target), sb.cacheFile]) expect(existsSync(file)).toBe(false);
      expect(singleJson((await sb.run(['uninstall', '--target', target])).stdout).removed).toEqual([]);
    });
  });

  describe('usage', () => {
    it.each([[[]], [['token']], [['sync']], [['validate']], [['uninstall']]])('%j --help prints usage and exits 0', async (cmd) => {
      const res = await new Sandbox().run([...cmd, '--help']);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^Usage: systemprompt-cowork/);
      expect(res.stderr).toBe('');
    });

    it.each([
      [['sync'], 'sync needs --target'],
      [['bogus'], "unknown command 'bogus'"],
      [['--target', 'x'], "Unknown option '--target'"],
    ])('%j exits 2 with a one-line reason', async (args, reason) => {
      const res = await new Sandbox().run(args);
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain(reason);
    });
  });
});
