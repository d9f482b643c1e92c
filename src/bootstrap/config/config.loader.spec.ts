import { BootstrapError } from '../bootstrap.error';
import { loadCredentials } from '../credentials/credentials.loader';
import { profileSchema } from '../profile/profile.schema';
import { buildConfig } from './config.loader';

const loaded = (database_url = '') => ({
  profile: { file: '/etc/sp/profile.yaml', dir: '/etc/sp', profile: profileSchema.parse({ paths: { services: '/srv', data: '/data' } }) },
  secrets: { secrets: { jwt_secret: 'x'.repeat(40), database_url, custom: {} }, source: 'environment', warnings: [] },
  credentials: { mode: 'local' as const },
});

describe('buildConfig', () => {
  it('aggregates and freezes the configuration', () => {
    const config = buildConfig({ ...loaded(), env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.gateway.routes)).toBe(true);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '/data/pglite' });
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['pglite://memory', { kind: 'embedded', dataDir: 'memory://' }],
    ['pglite:///var/db', { kind: 'embedded', dataDir: '/var/db' }],
    ['pglite://rel/db', { kind: 'embedded', dataDir: '/etc/sp/rel/db' }],
    ['postgres://u@h/d', { kind: 'postgres', url: 'postgres://u@h/d' }],
  ])('database_url %s', (url, expected) => {
    expect(buildConfig({ ...loaded(url), env: {} }).database).toEqual(expected);
  });

  it('refuses a SYSTEMPROMPT_ADMIN_PAT without the PAT format, naming the variable', () => {
    expect(() => buildConfig({ ...loaded(), env: { SYSTEMPROMPT_ADMIN_PAT: 'sp-live-nope' } })).toThrow(
      new BootstrapError('config', '(environment)', 'SYSTEMPROMPT_ADMIN_PAT', 'must have the PAT format sp-live-<12 hex>.<52 hex>'),
    );
  });

  it('runs extension validators and names the extension', () => {
    const run = () => buildConfig({ ...loaded(), env: {}, validators: [{ name: 'extension acme', validate: () => 'acme.endpoint is required' }] });
    expect(run).toThrow('Bootstrap failed at stage config: /etc/sp/profile.yaml: extension acme: acme.endpoint is required');
  });
});

describe('loadCredentials', () => {
  it('is local-only when absent, never an error', () => {
    expect(loadCredentials('/nonexistent-data-dir', {})).toEqual({ mode: 'local' });
  });
  it('refuses an explicitly configured file that does not exist', () => {
    expect(() => loadCredentials('/x', { SYSTEMPROMPT_CREDENTIALS: '/nonexistent/creds.json' })).toThrow(/stage credentials/);
  });
});
