import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../utils/test-database';
import { ensureBuilt, ROOT } from '../../utils/built-dist';

/** Runs the built `systemprompt` binary against a database of its own. */
describe('systemprompt CLI (e2e, built binary)', () => {
  let dir: string;
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ensureBuilt('dist/src/cli.js');
    dir = mkdtempSync(join(tmpdir(), 'sp-cli-'));
    db = await createTestDatabase();
    const databaseUrl = db.url === 'pglite://memory' ? `pglite://${join(dir, 'db')}` : db.url;
    writeFileSync(join(dir, 'profile.yaml'), `paths:\n  data: ${join(dir, 'data')}\n  services: ${join(dir, 'services')}\nsecrets:\n  source: env\n`);
    env = { ...process.env, SYSTEMPROMPT_PROFILE: join(dir, 'profile.yaml'), JWT_SECRET: 'cli-test-secret-that-is-long-enough-000', DATABASE_URL: databaseUrl, REDIS_URL: '' };
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => {
    const r = spawnSync('node', [join(ROOT, 'bin/systemprompt.js'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('--help works at every level', () => {
    for (const args of [[], ['admin', 'users', 'pat'], ['infra', 'db']]) {
      const r = run(...args, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: systemprompt');
    }
  });

  it('infra db status shows pending migrations, migrate applies them', () => {
    const before = run('infra', 'db', 'status');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/CreateIdentity\d+\s+pending/);
    const migrate = run('infra', 'db', 'migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/^applied \d+ migration/);
    const after = run('infra', 'db', 'status');
    expect(after.stdout).toMatch(/CreateIdentity\d+\s+applied/);
    expect(after.stdout).toContain('0 pending');
  });

  it('creates, lists, re-roles and disables users; issues and revokes a PAT', () => {
    const created = run('admin', 'users', 'create', '--email', 'cli@example.com', '--name', 'Cli User', '--role', 'developer');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('cli@example.com');

    const dup = run('admin', 'users', 'create', '--email', 'cli@example.com');
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe('error: A user with email cli@example.com already exists');
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);

    const list = run('admin', 'users', 'list');
    expect(list.stdout).toMatch(/cli@example\.com\s+Cli User\s+developer\s+active/);

    const issued = run('admin', 'users', 'pat', 'issue', 'cli@example.com', '--name', 'laptop', '--scopes', 'gateway:invoke', '--expires', '30d');
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^sp-live-[0-9a-f]{12}\.[0-9a-f]{52}$/);

    const revoked = run('admin', 'users', 'pat', 'revoke', token.slice(0, 20));
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked`);

    expect(run('admin', 'users', 'role', 'cli@example.com', 'auditor').stdout.trim()).toBe('cli@example.com: role auditor');
    expect(run('admin', 'users', 'role', 'cli@example.com', 'emperor').code).toBe(1);
    expect(run('admin', 'users', 'disable', 'cli@example.com').stdout.trim()).toBe('cli@example.com: disabled');
    expect(run('admin', 'users', 'disable', 'nobody@example.com').code).toBe(1);
  });

  it('admin config show masks every secret', () => {
    const r = run('admin', 'config', 'show');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('jwt_secret: "****** (39 chars)"');
    expect(r.stdout).not.toContain('cli-test-secret');
  });

  it('a bad profile stops with a one-line reason naming the field', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'server:\n  prot: 1\n');
    const r = spawnSync('node', [join(ROOT, 'bin/systemprompt.js'), 'admin', 'users', 'list'], { env: { ...env, SYSTEMPROMPT_PROFILE: join(dir, 'bad.yaml') }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`Bootstrap failed at stage profile: ${join(dir, 'bad.yaml')}: server.prot: unknown key`);
  });
});
