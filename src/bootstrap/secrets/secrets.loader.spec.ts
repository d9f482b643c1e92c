import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapError } from '../bootstrap.error';
import { loadSecrets } from './secrets.loader';

const LONG = 'x'.repeat(40);
const fileSettings = (path: string, extra: Partial<{ validation: 'strict' | 'warn' | 'skip'; create_if_missing: boolean }> = {}) => ({
  source: 'file' as const,
  path,
  validation: extra.validation ?? ('strict' as const),
  create_if_missing: extra.create_if_missing ?? false,
});

function secretsFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-secrets-'));
  const file = join(dir, 'secrets.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function failure(fn: () => unknown): BootstrapError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BootstrapError) return err;
    throw err;
  }
  throw new Error('expected a BootstrapError');
}

describe('loadSecrets', () => {
  it('reads the file and lets the environment override it', () => {
    const file = secretsFile({ jwt_secret: LONG, anthropic: 'from-file', custom: { files_token: 'f' } });
    const { secrets } = loadSecrets(fileSettings(file), { ANTHROPIC_API_KEY: 'from-env', SYSTEMPROMPT_SECRET_OTHER: 'o' });
    expect(secrets.anthropic).toBe('from-env');
    expect(secrets.custom).toEqual({ files_token: 'f', other: 'o' });
    expect(secrets.database_url).toBe('');
  });

  it('reads everything from the environment with source env', () => {
    const { secrets, source } = loadSecrets({ source: 'env', validation: 'strict', create_if_missing: false }, { JWT_SECRET: LONG, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(source).toBe('environment');
    expect(secrets.redis_url).toBe('redis://127.0.0.1:6379');
  });

  it('refuses a jwt_secret shorter than 32 characters without echoing it', () => {
    const err = failure(() => loadSecrets({ source: 'env', validation: 'skip', create_if_missing: false }, { JWT_SECRET: 'short-secret-value' }));
    expect(err.message).toBe('Bootstrap failed at stage secrets: environment: jwt_secret: must be at least 32 characters');
    expect(err.message).not.toContain('short-secret-value');
  });

  it('refuses a missing jwt_secret', () => {
    const err = failure(() => loadSecrets({ source: 'env', validation: 'strict', create_if_missing: false }, {}));
    expect(err.field).toBe('jwt_secret');
  });

  it('refuses a missing secrets file', () => {
    const err = failure(() => loadSecrets(fileSettings('/nonexistent/secrets.json'), {}));
    expect(err.message).toBe('Bootstrap failed at stage secrets: /nonexistent/secrets.json: (file): file not found');
  });

  it('creates the file with a random jwt_secret (mode 0600) when allowed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-secrets-'));
    const file = join(dir, 'nested', 'secrets.json');
    const { secrets } = loadSecrets(fileSettings(file, { create_if_missing: true }), {});
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secrets.jwt_secret.length).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(readFileSync(file, 'utf8')).jwt_secret).toBe(secrets.jwt_secret);
  });

  it('does not leak file content when the JSON is broken', () => {
    const file = secretsFile('{"jwt_secret": "super-secret-value-that-must-not-leak"');
    const err = failure(() => loadSecrets(fileSettings(file), {}));
    expect(err.reason).toBe('is not a JSON object');
    expect(err.message).not.toContain('super-secret');
  });

  it('rejects unknown keys in the file', () => {
    const file = secretsFile({ jwt_secret: LONG, jwt_secert: 'typo' });
    expect(failure(() => loadSecrets(fileSettings(file), {})).field).toBe('jwt_secert');
  });

  it('strict validation refuses a malformed database_url; warn only warns; skip ignores', () => {
    const file = secretsFile({ jwt_secret: LONG, database_url: 'mysql://x' });
    expect(failure(() => loadSecrets(fileSettings(file), {})).field).toBe('database_url');
    const warned = loadSecrets(fileSettings(file, { validation: 'warn' }), {});
    expect(warned.warnings).toEqual(['database_url must be empty, postgres://…, postgresql://… or pglite://PATH']);
    expect(loadSecrets(fileSettings(file, { validation: 'skip' }), {}).warnings).toEqual([]);
  });
});
