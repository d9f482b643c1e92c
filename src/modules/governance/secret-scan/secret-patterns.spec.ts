import negatives from '../../../../test/fixtures/secrets/negatives.json';
import positives from '../../../../test/fixtures/secrets/positives.json';
import { unboundedQuantifiers } from '../../../common/matching/regex-bounds';
import { secretDetectors } from './secret-patterns';
import { SecretScanner } from './secret-scanner';

const SIZE = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / Math.max(unit.length, 1))).slice(0, SIZE);

describe('secret detector table', () => {
  const detectors = secretDetectors();

  it('has unique snake_case kinds and a description for each', () => {
    const kinds = detectors.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const d of detectors) {
      expect(d.kind).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.pattern.flags).not.toMatch(/[gy]/);
    }
    console.info(`secret detectors: ${kinds.length} families`);
  });

  it.each(detectors.map((d) => [d.kind, d.pattern.source]))('%s uses only bounded quantifiers', (_kind, source) => {
    expect(unboundedQuantifiers(source)).toEqual([]);
  });

  it('has prefilters that pass every corpus text their pattern matches (a prefilter never hides a secret)', () => {
    const withPrefilter = detectors.filter((d) => d.prefilter !== undefined);
    expect(withPrefilter.length).toBeGreaterThan(0);
    const texts = [...positives.cases.map((c) => c.text), ...negatives.cases.map((c) => c.text)];
    let checked = 0;
    for (const detector of withPrefilter) {
      expect(detector.prefilter!.flags).not.toMatch(/[gy]/);
      for (const text of texts) {
        if (!detector.pattern.test(text)) continue;
        checked++;
        expect({ kind: detector.kind, text, passes: detector.prefilter!.test(text) }).toEqual({ kind: detector.kind, text, passes: true });
      }
    }
    expect(checked).toBeGreaterThanOrEqual(withPrefilter.length);
  });

  it('ends every match with its secret group, as the runner assumes', () => {
    for (const { text } of positives.cases) {
      for (const detector of detectors) {
        for (const match of text.matchAll(new RegExp(detector.pattern.source, `${detector.pattern.flags}g`))) {
          if (match.groups?.secret !== undefined) expect(match[0].endsWith(match.groups.secret)).toBe(true);
        }
      }
    }
  });
});

/**
 * A safety check against catastrophic backtracking, not a benchmark: every detector runs over
 * 100k-character inputs crafted around its own prefixes and near misses, and the whole scan
 * must finish well inside a generous bound. A super-linear pattern takes minutes here.
 */
describe('secret scanner on adversarial input', () => {
  const scanner = new SecretScanner();

  const generic = [
    'a', 'A', '0', 'f', '/', '=', '-', '_', '.', ' ', '\n', ':', '@', '%', '\\', '"', 'aB3+/', 'aB3-_', 'Zx9',
    'eyJ', 'eyJa.', 'eyJhbGciOiJIUzI1NiJ9.', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.',
    '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\\n', '-----BEGIN ', '-----',
    '"private_key": "-----BEGIN PRIVATE KEY-----\\n', 'postgres://', 'postgres://a:', 'postgres://a:b', 'https://a:',
    'password=', 'password: x', 'DB_PASSWORD=a1', '--token ', 'secret', 'aws_secret_access_key=',
    'Authorization: Bearer ', 'AccountKey=', 'SharedAccessKey=', '?sv=1&sig=', 'heroku_api_key=', 'DD_API_KEY=',
    'AKIA', 'xoxb-1-', 'xoxb-', 'sk-', 'sk-a', 'sk-ant-api03-', 'sk_live_', 'ghp_', 'github_pat_', 'glpat-',
    'AIza', 'SG.', 'hvs.', 'dapi', 'hf_', 'npm_', 'pypi-AgE', '1234567890:AA', 'MTIzNDU2Nzg5MDEyMzQ1Njc4.',
    'abc8Q~', 'key-', 'sha512-', 'base64,', 'h1:', '%41', '%4', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ',
  ];

  /** For one positive per kind: its detected span minus the last character, repeated. */
  const firstOfKind = positives.cases.filter((c, i) => positives.cases.findIndex((other) => other.kind === c.kind) === i);
  const nearMisses = firstOfKind.flatMap((c) => {
    const finding = scanner.scanText(c.text).find((f) => f.kind === c.kind);
    if (!finding || finding.encoding) return [];
    const secret = c.text.slice(finding.start, finding.end);
    return [fill(secret.slice(0, -1)), fill(`${secret.slice(0, -1)} `), fill(secret.slice(0, 12))];
  });

  const inputs = [
    ...generic.map(fill),
    `-----BEGIN PRIVATE KEY-----${fill('A')}`,
    `postgres://${fill('a')}`,
    `password=${fill('x')}`,
    `eyJhbGciOiJIUzI1NiJ9.${fill('e')}`,
    Buffer.from(fill('password=Xk9#mP2vL7qR ')).toString('base64').slice(0, SIZE),
    encodeURIComponent(fill('postgres://u:p@h ')).slice(0, SIZE),
    ...nearMisses,
  ];

  it(`scans ${inputs.length} crafted inputs of ${SIZE} characters, each well under a second`, () => {
    let slowest = 0;
    for (const input of inputs) {
      const started = performance.now();
      scanner.scanText(input);
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      expect(elapsed).toBeLessThan(10_000); // catastrophic backtracking takes far longer; this is no speed claim
    }
    console.info(`secret scanner adversarial inputs: ${inputs.length}, slowest ${Math.round(slowest)} ms`);
  });
});
