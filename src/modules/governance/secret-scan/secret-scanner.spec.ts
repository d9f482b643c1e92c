import negatives from '../../../../test/fixtures/secrets/negatives.json';
import positives from '../../../../test/fixtures/secrets/positives.json';
import { secretDetectors } from './secret-patterns';
import type { SecretFinding } from './secret-scan.types';
import { INPUT_TOO_LARGE, SecretScanner } from './secret-scanner';

// Fake, format-valid values built at run time (never real credentials).
const GHP = `ghp_${'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4'}`;
const PASSWORD = 'Xk9#mP2vL7qR';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

const scanner = new SecretScanner();
const kinds = (findings: SecretFinding[]): string[] => findings.map((f) => f.kind);

describe('SecretScanner on the fixture corpus', () => {
  it('detects every positive with its expected kind (100% recall)', () => {
    const missed = positives.cases.filter((c) => !kinds(scanner.scanText(c.text)).includes(c.kind));
    console.info(`secret corpus: ${positives.cases.length - missed.length}/${positives.cases.length} positives detected with the expected kind`);
    expect(missed.map((c) => c.kind)).toEqual([]);
  });

  it('flags none of the near-miss negatives (0 false positives)', () => {
    const flagged = negatives.cases.filter((c) => scanner.scanText(c.text).length > 0);
    console.info(`secret corpus: ${flagged.length}/${negatives.cases.length} negatives flagged`);
    expect(flagged.map((c) => c.text.slice(0, 80))).toEqual([]);
  });

  it('has at least one positive for every detector kind', () => {
    const covered = new Set(positives.cases.map((c) => c.kind));
    const uncovered = secretDetectors().map((d) => d.kind).filter((kind) => !covered.has(kind));
    expect(uncovered).toEqual([]);
    expect(positives.cases.length).toBeGreaterThanOrEqual(80);
    expect(negatives.cases.length).toBeGreaterThanOrEqual(80);
  });

  it('never puts the secret in a finding or in redacted output', () => {
    for (const c of positives.cases) {
      const findings = scanner.scanText(c.text);
      const redacted = JSON.stringify(scanner.redact({ [c.text]: c.text }));
      for (const f of findings) {
        const secret = c.text.slice(f.start, f.end);
        expect(JSON.stringify(findings)).not.toContain(secret);
        expect(redacted).not.toContain(secret);
      }
    }
  });
});

describe('SecretScanner.scan', () => {
  it('walks nested objects and arrays and reports paths and offsets', () => {
    const input = { args: { env: [{ name: 'A', value: 'x' }, { name: 'B', value: 'y' }, { name: 'TOKEN', value: GHP }] } };
    expect(scanner.scan(input)).toEqual([{ kind: 'github_token', path: '$.args.env[2].value', start: 0, end: GHP.length }]);
  });

  it('reports offsets inside a longer string', () => {
    const text = `git clone https://x:${GHP}@github.com/acme/app.git`;
    const [finding] = scanner.scanText(text);
    expect(finding).toMatchObject({ kind: 'github_token', path: '$' });
    expect(text.slice(finding.start, finding.end)).toBe(GHP);
  });

  it('uses the property name as context for keyword detectors', () => {
    expect(scanner.scan({ config: { DB_PASSWORD: PASSWORD } })).toEqual([
      { kind: 'generic_secret', path: '$.config.DB_PASSWORD', start: 0, end: PASSWORD.length },
    ]);
    expect(kinds(scanner.scan({ headers: { authorization: 'Bearer Zx8Kq2Lm9Vb4Wn7Rt1Yp6Hd3Jf5Gs0Ac' } }))).toEqual(['authorization_header']);
    expect(scanner.scan({ DB_PASSWORD: '${DB_PASSWORD}', password_hint: PASSWORD })).toEqual([]);
  });

  it('scans object keys and prints secret keys redacted in paths', () => {
    const findings = scanner.scan({ outer: { [GHP]: { note: `postgres://app:${PASSWORD}@db/app` } } });
    expect(findings).toEqual([
      { kind: 'github_token', path: '$.outer["[REDACTED:github_token]"]', start: 0, end: GHP.length, target: 'key' },
      { kind: 'database_url', path: '$.outer["[REDACTED:github_token]"].note', start: 15, end: 15 + PASSWORD.length },
    ]);
  });

  it('finds a secret inside a base64 token and reports the token span', () => {
    const token = b64(`export GITHUB_TOKEN=${GHP}`);
    const text = `echo ${token} | base64 -d >> ~/.bashrc`;
    expect(scanner.scanText(text)).toEqual([{ kind: 'github_token', path: '$', start: 5, end: 5 + token.length, encoding: 'base64' }]);
  });

  it('finds a secret only visible after URL decoding and reports the whole string', () => {
    const text = `https://app.example.com/cb?next=${encodeURIComponent(`postgres://etl:${PASSWORD}@db/x`)}`;
    expect(scanner.scan({ url: text })).toEqual([{ kind: 'database_url', path: '$.url', start: 0, end: text.length, encoding: 'url' }]);
  });

  it('does not decode base64 or URL text that is not printable', () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), Buffer.from(GHP), Buffer.from([0, 1, 2, 3])]);
    expect(scanner.scanText(`blob ${binary.toString('base64')}`).filter((f) => f.encoding)).toEqual([]);
    expect(scanner.scanText('a%00%01%02%03b')).toEqual([]);
  });

  it('handles circular and very deep inputs', () => {
    const loop: Record<string, unknown> = { token: GHP };
    loop.self = loop;
    expect(kinds(scanner.scan(loop))).toEqual(['github_token']);
    let deep: unknown = GHP;
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    expect(kinds(scanner.scan(deep))).toEqual(['github_token']);
  });

  it('honours the entropy threshold option', () => {
    const opaque = `key material ${'Qz7'.repeat(6)}Lm2Vb9Ws4Xe1Rt6Yu3Io8Pa`;
    expect(kinds(scanner.scanText(opaque))).toEqual(['high_entropy_string']);
    expect(new SecretScanner({ entropyThreshold: 6 }).scanText(opaque)).toEqual([]);
  });
});

describe('SecretScanner.redact', () => {
  it('returns a deep copy with each secret replaced by its kind', () => {
    const input = { cmd: `curl -H "Authorization: token ${GHP}" https://api`, env: { DB_PASSWORD: PASSWORD }, n: 3, list: ['ok', null] };
    const { value, findings } = scanner.redact(input);
    expect(value).toEqual({
      cmd: 'curl -H "Authorization: token [REDACTED:github_token]" https://api',
      env: { DB_PASSWORD: '[REDACTED:generic_secret]' },
      n: 3,
      list: ['ok', null],
    });
    expect(kinds(findings)).toEqual(['github_token', 'generic_secret']);
    expect(input.env.DB_PASSWORD).toBe(PASSWORD);
  });

  it('redacts keys, and replaces the whole encoded text for decoded findings', () => {
    const token = b64(`export GITHUB_TOKEN=${GHP}`);
    const url = `https://x.example/cb?u=${encodeURIComponent(`mysql://root:${PASSWORD}@db/x`)}`;
    const { value } = scanner.redact({ [`Bearer ${GHP}`]: 1, sh: `echo ${token} | base64 -d`, url });
    expect(value).toEqual({
      'Bearer [REDACTED:github_token]': 1,
      sh: 'echo [REDACTED:github_token] | base64 -d',
      url: '[REDACTED:database_url]',
    });
  });

  it('redacts a plain string value', () => {
    expect(scanner.redact(`token ${GHP}`).value).toBe('token [REDACTED:github_token]');
  });
});

describe('SecretScanner size cap', () => {
  const small = new SecretScanner({ maxInputBytes: 100 });

  it('stops at the cap with an input_too_large finding at the path where it stopped', () => {
    const findings = small.scan({ a: GHP, b: 'y'.repeat(60), c: GHP });
    expect(findings).toEqual([
      { kind: 'github_token', path: '$.a', start: 0, end: GHP.length },
      { kind: INPUT_TOO_LARGE, path: '$.b', start: 0, end: 0 },
    ]);
  });

  it('reports a key that crosses the cap at its parent path, without printing it', () => {
    const findings = small.scan({ nest: { ['k'.repeat(120)]: 'v' } });
    expect(findings).toEqual([{ kind: INPUT_TOO_LARGE, path: '$.nest', start: 0, end: 0 }]);
  });

  it('redacts every unread key and value', () => {
    const { value, findings } = small.redact({ a: 'fine', b: 'y'.repeat(120), c: GHP, d: 'x' });
    const label = `[REDACTED:${INPUT_TOO_LARGE}]`;
    expect(value).toEqual({ a: 'fine', b: label, [label]: label, [`${label} (2)`]: label });
    expect(kinds(findings)).toEqual([INPUT_TOO_LARGE]);
  });

  it('counts UTF-8 bytes and defaults to 1 MiB', () => {
    expect(kinds(small.scanText('é'.repeat(51)))).toEqual([INPUT_TOO_LARGE]);
    expect(kinds(scanner.scanText('x'.repeat(1024 * 1024)))).toEqual([]);
    expect(kinds(scanner.scanText('x'.repeat(1024 * 1024 + 1)))).toEqual([INPUT_TOO_LARGE]);
  });
});
