import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { ensureBuilt, Sandbox, singleJson } from '../cowork/cowork-cli';
import { BRIDGE_SERVICES, type PublicKeyBody, type SignedManifestBody } from './bridge-fixture';

/** The built `systemprompt-cowork` binary against the real, listening gateway. */
describe('systemprompt-cowork against the gateway (e2e, built binary)', () => {
  let t: TestApp;
  let developer: CreatedUser;
  let key: PublicKeyBody;

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp({ listen: true, services: BRIDGE_SERVICES, redis: false });
    developer = await createUser(t, { role: 'developer' });
    key = (await t.inject({ method: 'GET', url: '/v1/bridge/pubkey' })).json();
  }, 180_000);
  afterAll(async () => {
    await t.close();
    Sandbox.removeAll();
  });

  const env = (pat: string) => ({ SP_COWORK_GATEWAY_URL: t.url, SP_COWORK_PAT: pat });

  it('sync installs a manifest that validate accepts; a tampered one fails; uninstall removes it', async () => {
    const sb = new Sandbox();
    const target = sb.path('claude');
    const files = [path.join(target, 'manifest.json'), path.join(target, 'manifest.sig.json')];

    const synced = await sb.run(['sync', '--target', target], env(developer.token));
    expect(synced.stderr).toBe('');
    expect(synced.code).toBe(0);
    expect(singleJson(synced.stdout)).toMatchObject({ command: 'sync', status: 'ok', target, key_id: key.key_id, files });

    const installed = JSON.parse(readFileSync(files[0]!, 'utf8')) as SignedManifestBody['manifest'];
    const live = (await t.inject({ method: 'GET', url: '/v1/bridge/manifest', headers: bearer(developer.token) })).json() as SignedManifestBody;
    expect(installed).toMatchObject({ subject: developer.id, role: 'developer', skills: live.manifest.skills, mcp_servers: live.manifest.mcp_servers });
    expect(installed.mcp_servers.map((s) => s.name)).toEqual(['dev-tools', 'shared', 'systemprompt']);
    expect(JSON.parse(readFileSync(files[1]!, 'utf8'))).toEqual({ signature: expect.any(String), key_id: key.key_id, public_key_pem: key.public_key_pem });

    const valid = await sb.run(['validate', '--target', target]);
    expect(valid.code).toBe(0);
    expect(singleJson(valid.stdout)).toMatchObject({ command: 'validate', status: 'ok', key_id: key.key_id });

    installed.mcp_servers.push({ name: 'ops', url: `${t.url}/api/v1/mcp/ops/mcp`, transport: 'streamable-http' });
    writeFileSync(files[0]!, JSON.stringify(installed, null, 2));
    const tampered = await sb.run(['validate', '--target', target]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toBe('');
    expect(tampered.stderr).toContain('does not verify');

    const removed = await sb.run(['uninstall', '--target', target]);
    expect(removed.code).toBe(0);
    expect(singleJson(removed.stdout)).toMatchObject({ command: 'uninstall', status: 'ok', removed: expect.arrayContaining(files) });
    for (const file of files) expect(existsSync(file)).toBe(false);
  });

  it('sync accepts the gateway key when it is pinned in cowork.toml', async () => {
    const sb = new Sandbox().writeConfig(`[manifest]\npublic_key = '''\n${key.public_key_pem}'''\n`);
    const res = await sb.run(['sync', '--target', sb.path('claude')], env(developer.token));
    expect(res.code).toBe(0);
  });

  it('sync fails with a one-line reason and writes nothing for an unknown PAT', async () => {
    const sb = new Sandbox();
    const res = await sb.run(['sync', '--target', sb.path('claude')], env(`sp-live-000000000000.${'0'.repeat(52)}`));
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('HTTP 401: authentication_error');
    expect(existsSync(sb.path('claude', 'manifest.json'))).toBe(false);
  });
});
