import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapError } from '../bootstrap.error';
import { substituteEnv } from './env-substitution';
import { loadProfile } from './profile.loader';

function profileFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-profile-'));
  const file = join(dir, 'p.yaml');
  writeFileSync(file, text);
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

describe('substituteEnv', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x'],
    ['${A:-fallback}', {}, 'fallback'],
    ['${A:-fallback}', { A: 'set' }, 'set'],
    ['${A:-}', {}, ''],
    ['pre-${A}-post', { A: 'mid' }, 'pre-mid-post'],
    ['# ${UNSET} in a comment', {}, '# ${UNSET} in a comment'],
  ])('%s with %j gives %s', (text, env, expected) => {
    const result = substituteEnv(text, env);
    expect(result.text).toBe(expected);
    expect(result.missing).toEqual([]);
  });

  it('reports an unset variable without default by name and line', () => {
    expect(substituteEnv('a: 1\nb: ${NOPE}\n', {}).missing).toEqual([{ name: 'NOPE', line: 2 }]);
  });
});

describe('loadProfile', () => {
  it('applies defaults and resolves relative paths against the profile folder', () => {
    const file = profileFile('paths:\n  services: ./svc\n  data: ../data\nsecrets:\n  source: file\n  path: secrets.json\n');
    const { profile, dir } = loadProfile({ path: file, env: {} });
    expect(profile.paths.services).toBe(join(dir, 'svc'));
    expect(profile.paths.data).toBe(join(dir, '..', 'data'));
    expect(profile.secrets.path).toBe(join(dir, 'secrets.json'));
    expect(profile.server.port).toBe(8080);
    expect(profile.governance.order).toEqual(['scope', 'secret_scan', 'blocklist', 'rate_limit']);
  });

  it('substitutes the environment before parsing, with and without defaults', () => {
    const file = profileFile('server:\n  port: ${PORT:-9000}\n  host: ${HOST}\n');
    expect(loadProfile({ path: file, env: { HOST: '0.0.0.0' } }).profile.server).toMatchObject({ port: 9000, host: '0.0.0.0' });
    expect(loadProfile({ path: file, env: { HOST: 'h', PORT: '7000' } }).profile.server.port).toBe(7000);
  });

  it('names an unset variable', () => {
    const file = profileFile('server:\n  host: ${HOST}\n');
    const err = failure(() => loadProfile({ path: file, env: {} }));
    expect(err.message).toBe(`Bootstrap failed at stage profile: ${file}: line 2: environment variable HOST is not set and has no default`);
  });

  it('rejects an unknown key, naming its path', () => {
    const file = profileFile('server:\n  port: 1\n  colour: blue\n');
    const err = failure(() => loadProfile({ path: file, env: {} }));
    expect(err.stage).toBe('profile');
    expect(err.field).toBe('server.colour');
    expect(err.reason).toBe('unknown key');
  });

  it('rejects a wrongly typed field, naming it', () => {
    const file = profileFile('gateway:\n  routes:\n    - model_pattern: "a*b*c"\n      provider: openai\n      endpoint: "http://x"\n');
    const err = failure(() => loadProfile({ path: file, env: {} }));
    expect(err.field).toBe('gateway.routes.0.model_pattern');
  });

  it('reports bad YAML with its line number', () => {
    const file = profileFile('server:\n  port: 1\n  host: [unclosed\nother: 2\n');
    const err = failure(() => loadProfile({ path: file, env: {} }));
    expect(err.field).toMatch(/^line \d+$/);
    expect(err.reason).toMatch(/^invalid YAML/);
  });

  it('reports a missing profile file', () => {
    const err = failure(() => loadProfile({ path: '/nonexistent/profile.yaml', env: {} }));
    expect(err.message).toBe('Bootstrap failed at stage profile: /nonexistent/profile.yaml: (file): file not found');
  });
});
