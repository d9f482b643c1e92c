import type { ScanContext, SecretDetector } from './secret-scan.types';

/** Internal span of a secret inside one string; turned into a SecretFinding by the scanner. */
export interface SecretSpan {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  readonly specificity: number;
  readonly order: number;
  readonly encoding?: 'base64' | 'url';
}

export interface CompiledDetector {
  readonly detector: SecretDetector;
  /** `g`: finds candidates. */
  readonly regex: RegExp;
  /** `y` + `d`: re-runs an accepted match in place for the `secret` group's offsets (the `d` flag slows every search, so only accepted matches pay for it). */
  readonly indexed: RegExp;
  /** The detector's prefilter, if any (no `g`/`y`, so `test` keeps no state between texts). */
  readonly prefilter: RegExp | null;
  readonly order: number;
}

export function compileDetectors(detectors: readonly SecretDetector[]): CompiledDetector[] {
  const withFlags = (pattern: RegExp, extra: string): RegExp => new RegExp(pattern.source, [...new Set(`${pattern.flags.replace(/[gyd]/g, '')}${extra}`)].join(''));
  return detectors.map((detector, order) => ({
    detector,
    regex: withFlags(detector.pattern, 'g'),
    indexed: withFlags(detector.pattern, 'yd'),
    prefilter: detector.prefilter ? withFlags(detector.prefilter, '') : null,
    order,
  }));
}

/** [start, end) of the `secret` group of an accepted match, or of the whole match. */
function secretOffsets(text: string, match: RegExpExecArray, indexed: RegExp): [number, number] {
  if (match.groups?.secret === undefined) return [match.index, match.index + match[0].length];
  indexed.lastIndex = match.index;
  return indexed.exec(text)?.indices?.groups?.secret ?? [match.index, match.index + match[0].length];
}

/**
 * Every validated match of every detector. After a rejected match the search resumes where
 * its secret part begins (one character later for patterns without one), not after it, so a
 * look-alike cannot hide a real secret it overlaps; what comes before the secret part of a
 * rejected match can only be re-matched with the same, rejected, secret.
 */
export function findSpans(text: string, detectors: readonly CompiledDetector[]): SecretSpan[] {
  const spans: SecretSpan[] = [];
  // Built on the first candidate a validator must judge: most strings have none.
  let context: ScanContext | null = null;
  for (const { detector, regex, indexed, prefilter, order } of detectors) {
    if (prefilter !== null && !prefilter.test(text)) continue;
    regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(text)) !== null) {
      if (detector.validate && !detector.validate(match, (context ??= memoContext()))) {
        const secret = match.groups?.secret;
        // A `secret` group always ends the match (see SecretDetector.pattern), so it starts here.
        regex.lastIndex = Math.max(match.index + 1, secret === undefined ? 0 : match.index + match[0].length - secret.length);
        continue;
      }
      const [start, end] = secretOffsets(text, match, indexed);
      spans.push({ kind: detector.kind, start, end, specificity: detector.specificity ?? 3, order });
      regex.lastIndex = Math.max(end, match.index + 1);
    }
  }
  return spans;
}

function memoContext(): ScanContext {
  const memos = new Map<string, unknown>();
  return {
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}

/**
 * Drops a span nested in a more (or equally) specific one, so `token=ghp_…` reports one
 * github_token and not also a generic_secret, and sorts the rest by position. One sweep in
 * start order, remembering the furthest end seen per specificity: O(n log n), because a
 * string full of secrets can yield tens of thousands of spans.
 */
export function resolveOverlaps(spans: readonly SecretSpan[]): SecretSpan[] {
  if (spans.length < 2) return spans.slice();
  const ordered = [...spans].sort(
    (a, b) => a.start - b.start || b.specificity - a.specificity || b.end - a.end || a.order - b.order,
  );
  const furthestEnd = new Map<number, number>();
  const kept: SecretSpan[] = [];
  for (const span of ordered) {
    let covered = false;
    for (const [specificity, end] of furthestEnd) {
      if (specificity >= span.specificity && end >= span.end) covered = true;
    }
    if (!covered) kept.push(span);
    furthestEnd.set(span.specificity, Math.max(furthestEnd.get(span.specificity) ?? -1, span.end));
  }
  return kept;
}

/** `text` with each (merged) span replaced by `[REDACTED:<kind>]`. */
export function redactSpans(text: string, spans: readonly SecretSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  let index = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.specificity - a.specificity);
  while (index < sorted.length) {
    const first = sorted[index];
    let best = first;
    let end = first.end;
    // Overlapping spans become one replacement labelled by the most specific of them.
    while (++index < sorted.length && sorted[index].start < end) {
      if (sorted[index].specificity > best.specificity) best = sorted[index];
      end = Math.max(end, sorted[index].end);
    }
    out += `${text.slice(cursor, first.start)}[REDACTED:${best.kind}]`;
    cursor = end;
  }
  return out + text.slice(cursor);
}
