import fc from 'fast-check';
import { compileGlob, compileGlobs, globMatch } from './glob-match';

/** Reference semantics, for the property test only: the same glob as an anchored regex. */
function referenceMatch(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

describe('globMatch', () => {
  it.each([
    ['bash', 'bash', true],
    ['bash', 'Bash', false],
    ['bash', 'bash2', false],
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['*', 'anything/at:all', true],
    ['mcp__*__bash', 'mcp__server__bash', true],
    ['mcp__*__bash', 'mcp____bash', true],
    ['mcp__*__bash', 'mcp__server__bash_exec', false],
    ['*sql*', 'run_sql_query', true],
    ['*sql*', 'run_query', false],
    ['file_?', 'file_a', true],
    ['file_?', 'file_', false],
    ['file_?', 'file_ab', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*.?s', 'index.ts', true],
    ['db.(read)+', 'db.(read)+', true],
    ['db.(read)+', 'db.readd', false],
    ['[abc]', '[abc]', true],
    ['[abc]', 'a', false],
    ['\\d', '\\d', true],
    ['??*??', 'abcd', true],
    ['??*??', 'abc', false],
  ])('globMatch(%j, %j) is %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('handles pieces longer than one 32-bit word', () => {
    const piece = `${'x'.repeat(40)}?${'y'.repeat(40)}`;
    expect(globMatch(`*${piece}*`, `zz${'x'.repeat(40)}Q${'y'.repeat(40)}zz`)).toBe(true);
    expect(globMatch(`*${piece}*`, `zz${'x'.repeat(40)}${'y'.repeat(40)}zz`)).toBe(false);
  });

  it('agrees with the reference semantics on random patterns and values', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?');
    const valueChars = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), fc.string({ unit: valueChars, maxLength: 16 }), (pattern, value) => {
        expect(globMatch(pattern, value)).toBe(referenceMatch(pattern, value));
      }),
      { numRuns: 3000 },
    );
  });

  // A safety check against backtracking blow-up, not a benchmark: a quadratic or exponential
  // matcher needs minutes on these inputs, a linear one well under the generous bound.
  it('stays linear on adversarial input', () => {
    const pattern = `${'a*'.repeat(5000)}b`;
    const value = 'a'.repeat(10000);
    const started = performance.now();
    expect(globMatch(pattern, value)).toBe(false);
    expect(globMatch(`*${'a?'.repeat(2000)}b*`, value)).toBe(false);
    expect(globMatch(pattern, `${value}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000); // catastrophic backtracking takes far longer; this is no speed claim
  });
});

describe('compileGlobs', () => {
  it('accepts a value matched by any pattern', () => {
    const matches = compileGlobs(['bash', 'mcp__*__shell', '*sql*']);
    expect(matches('bash')).toBe(true);
    expect(matches('mcp__box__shell')).toBe(true);
    expect(matches('postgres_sql')).toBe(true);
    expect(matches('read_file')).toBe(false);
  });

  it('matches nothing when given no patterns', () => {
    expect(compileGlobs([])('bash')).toBe(false);
  });

  it('returns reusable matchers', () => {
    const matches = compileGlob('a?c*');
    expect(['abc', 'axcdef', 'ab'].map(matches)).toEqual([true, true, false]);
  });
});
