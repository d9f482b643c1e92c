import { redactSpans, resolveOverlaps, type SecretSpan } from './secret-spans';
import { shannonEntropy } from './shannon-entropy';

const span = (kind: string, start: number, end: number, specificity: number, order = 0): SecretSpan => ({ kind, start, end, specificity, order });

describe('resolveOverlaps', () => {
  it('drops spans nested in a more or equally specific one, keeps the rest in order', () => {
    const spans = [span('generic_secret', 6, 46, 1), span('github_token', 6, 46, 3), span('high_entropy_string', 10, 30, 0), span('jwt', 50, 90, 2)];
    expect(resolveOverlaps(spans).map((s) => s.kind)).toEqual(['github_token', 'jwt']);
  });

  it('keeps a more specific span nested in a less specific one', () => {
    expect(resolveOverlaps([span('generic_secret', 0, 50, 1), span('github_token', 10, 50, 3)]).map((s) => s.kind)).toEqual([
      'generic_secret',
      'github_token',
    ]);
  });

  it('keeps one of two identical spans, by table order', () => {
    expect(resolveOverlaps([span('b', 0, 10, 2, 5), span('a', 0, 10, 2, 1)]).map((s) => s.kind)).toEqual(['a']);
  });

  it('stays fast with tens of thousands of spans', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => span('k', i * 10, i * 10 + 8, i % 4));
    expect(resolveOverlaps(many)).toHaveLength(50_000);
  });
});

describe('redactSpans', () => {
  it('replaces each span, merging overlaps under the most specific kind', () => {
    expect(redactSpans('a=SECRET1 b=SECRET2', [span('generic_secret', 2, 9, 1), span('x', 12, 19, 3), span('y', 14, 16, 0)])).toBe(
      'a=[REDACTED:generic_secret] b=[REDACTED:x]',
    );
    expect(redactSpans('abcdef', [span('low', 0, 4, 0), span('high', 2, 6, 3)])).toBe('[REDACTED:high]');
    expect(redactSpans('plain', [])).toBe('plain');
  });
});

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abcd', 2],
    ['ééèè', 1],
  ])('%j has %d bits per character', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10);
  });
});
