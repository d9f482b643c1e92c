/**
 * Glob matching for tool names and similar identifiers: `*` is any run of characters (possibly
 * empty, `/` included), `?` is exactly one UTF-16 code unit, everything else is literal and
 * case-sensitive. There is no escape character and no `[...]` class.
 *
 * Why not a regex or backtracking: globs come from profiles and values from callers, and
 * `a*a*a*…b` against `aaaa…` is exponential for naive recursion and quadratic for the classic
 * "remember the last star" loop. Here the pattern is split on `*`; the first piece is anchored
 * at the start, the last at the end, and each middle piece is taken at its leftmost occurrence
 * (leftmost is always safe: it leaves the most room for what follows). Each occurrence search
 * is a bit-parallel Shift-And scan, so a match costs O(|value| · ⌈longest piece / 32⌉): linear
 * in the value, and the search position never moves backwards.
 */

export type GlobMatcher = (value: string) => boolean;

const WILDCARD_ONE = 0x3f; // '?'

/** One `*`-free piece of a pattern, with its Shift-And tables built on first use. */
class GlobPiece {
  private tables: { masks: Map<number, Uint32Array>; wild: Uint32Array } | null = null;

  constructor(readonly text: string) {}

  get length(): number {
    return this.text.length;
  }

  /** Whether the piece matches `value` starting exactly at `at`. */
  matchesAt(value: string, at: number): boolean {
    if (at < 0 || at + this.text.length > value.length) return false;
    for (let i = 0; i < this.text.length; i++) {
      const p = this.text.charCodeAt(i);
      if (p !== WILDCARD_ONE && p !== value.charCodeAt(at + i)) return false;
    }
    return true;
  }

  /** Start of the leftmost occurrence in `value[from, limit)`, or -1. */
  indexIn(value: string, from: number, limit: number): number {
    const length = this.text.length;
    if (length === 0) return from <= limit ? from : -1;
    const { masks, wild } = this.buildTables();
    const words = wild.length;
    const state = new Uint32Array(words);
    const lastWord = (length - 1) >>> 5;
    const lastBit = 1 << ((length - 1) & 31);
    for (let j = from; j < limit; j++) {
      const mask = masks.get(value.charCodeAt(j)) ?? wild;
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const next = state[w] >>> 31;
        state[w] = ((state[w] << 1) | carry) & mask[w];
        carry = next;
      }
      if ((state[lastWord] & lastBit) !== 0) return j - length + 1;
    }
    return -1;
  }

  private buildTables(): { masks: Map<number, Uint32Array>; wild: Uint32Array } {
    if (this.tables) return this.tables;
    const words = Math.ceil(this.text.length / 32);
    const wild = new Uint32Array(words);
    for (let i = 0; i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === WILDCARD_ONE) wild[i >>> 5] |= 1 << (i & 31);
    }
    const masks = new Map<number, Uint32Array>();
    for (let i = 0; i < this.text.length; i++) {
      const code = this.text.charCodeAt(i);
      if (code === WILDCARD_ONE) continue;
      let mask = masks.get(code);
      if (!mask) {
        mask = Uint32Array.from(wild);
        masks.set(code, mask);
      }
      mask[i >>> 5] |= 1 << (i & 31);
    }
    this.tables = { masks, wild };
    return this.tables;
  }
}

/** Compiles one glob into a reusable matcher. */
export function compileGlob(pattern: string): GlobMatcher {
  const pieces = pattern.split('*').map((text) => new GlobPiece(text));
  const head = pieces[0];
  if (pieces.length === 1) return (value) => value.length === head.length && head.matchesAt(value, 0);
  const tail = pieces[pieces.length - 1];
  const middle = pieces.slice(1, -1).filter((piece) => piece.length > 0);
  const minLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return (value) => {
    if (value.length < minLength) return false;
    const tailStart = value.length - tail.length;
    if (!head.matchesAt(value, 0) || !tail.matchesAt(value, tailStart)) return false;
    let position = head.length;
    for (const piece of middle) {
      const at = piece.indexIn(value, position, tailStart);
      if (at < 0) return false;
      position = at + piece.length;
    }
    return true;
  };
}

/** Whether `value` matches `pattern` (see the file header for the syntax). */
export function globMatch(pattern: string, value: string): boolean {
  return compileGlob(pattern)(value);
}

/** A matcher that accepts a value when any of the patterns matches it. */
export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const matchers = patterns.map(compileGlob);
  return (value) => matchers.some((matches) => matches(value));
}
