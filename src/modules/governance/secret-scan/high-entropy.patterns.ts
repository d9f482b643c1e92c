import { decodeBase64Text } from './decoded-variants';
import { charClasses } from './secret-checks';
import type { SecretDetector } from './secret-scan.types';
import { shannonEntropy } from './shannon-entropy';

/**
 * The catch-all for opaque credentials no vendor rule knows: a 32–4096 character run of the
 * base64 / base64url alphabet that looks random. Tuned on test/fixtures/secrets so that what
 * is long and random-looking but public does not trip it:
 * - hex-only runs (git SHAs, sha256/sha512 digests, UUIDs, 0x addresses): left to keyword rules;
 * - lockfile / SRI integrity (`sha512-…`), go.sum `h1:…`, `sha256:` digests;
 * - data-URL payloads (`;base64,`), well-known binary, compressed and SSH public-key prefixes;
 * - anything inside a URL (URL secrets are left to the URL, keyword and vendor rules), and
 *   AWS-style documentation values containing EXAMPLE;
 * - typed object ids (`msg_01…`, `btgt_01…`): a lowercase prefix, `_`, then a ULID-like body;
 * - base64 inside a CERTIFICATE / PUBLIC KEY PEM block;
 * - runs that decode to text (the scanner scans the decoded text instead);
 * - identifiers, prose and paths: random strings mix upper case, lower case and digits and
 *   switch between them on most characters; words and path segments do not, and they are
 *   mostly made of 4+ letter words with English's share of vowels (random base64 has ~19%).
 */

export const DEFAULT_ENTROPY_THRESHOLD = 4.0;

const PUBLIC_PREFIXES = [
  'iVBORw0KGgo', '/9j/', 'R0lGOD', 'UklGR', 'JVBERi0', 'UEsDB', 'H4sI', 'eJ', 'eNo', 'eNp', 'eNq', 'eNr',
  'AAAAB3NzaC1', 'AAAAC3NzaC1', 'AAAAE2VjZHNh',
];
const DIGEST_CONTEXT = /(?:base64,|h1:|sha\d{1,3}[:-]|md5[:-])$/i;

/** Share of adjacent characters that change class (upper / lower / digit / other). */
export function classSwitchRatio(text: string): number {
  const classOf = (c: number): number => (c >= 65 && c <= 90 ? 0 : c >= 97 && c <= 122 ? 1 : c >= 48 && c <= 57 ? 2 : 3);
  let switches = 0;
  for (let i = 1; i < text.length; i++) {
    if (classOf(text.charCodeAt(i)) !== classOf(text.charCodeAt(i - 1))) switches++;
  }
  return text.length > 1 ? switches / (text.length - 1) : 0;
}

/**
 * An identifier or prose, not random: snake/kebab case whose parts are mostly plain words or
 * numbers, or mostly 4+ letter words with at least 30% vowels.
 */
export function looksLikeWords(text: string): boolean {
  const parts = text.split(/[_-]+/).filter((part) => part.length > 0);
  const plain = parts.filter((part) => /^(?:[A-Za-z]*[a-z]|[A-Z]{1,6}|\d+)$/.test(part)).length;
  if (parts.length >= 4 && plain >= parts.length * 0.75) return true;
  const words = text.match(/[A-Z]{2,}(?![a-z])|[A-Z]*[a-z]+|[A-Z]/g) ?? [];
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  if (letters === 0) return false;
  const inLongWords = words.filter((word) => word.length >= 4).reduce((sum, word) => sum + word.length, 0);
  const vowels = text.match(/[aeiouAEIOU]/g)?.length ?? 0;
  return inLongWords / letters >= 0.6 && vowels / letters >= 0.3;
}

/** Whitespace and quotes: where a URL around a token would begin. */
function isDelimiter(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96;
}

/** Whether the token sits in a `scheme://…` URL: a `://` since the last space or quote. */
function insideUrl(input: string, index: number): boolean {
  let start = index;
  const floor = Math.max(0, index - 2048);
  while (start > floor && !isDelimiter(input.charCodeAt(start - 1))) start--;
  const scheme = input.indexOf('://', start);
  return scheme >= 0 && scheme < index;
}

/** `com/microsoft/TypeScript/blob/<sha>/src/lib`: most slash-separated segments are words. */
function looksLikePath(body: string): boolean {
  const segments = body.split('/').filter((segment) => segment.length > 0);
  if (segments.length < 3) return false;
  const wordy = segments.filter((segment) => segment.length >= 3 && /^[A-Za-z]?[a-z0-9_.-]+$/.test(segment)).length;
  return wordy * 2 >= segments.length;
}

/** [begin, end) ranges of CERTIFICATE, PUBLIC KEY and other non-private PEM blocks in a text. */
function publicPemRanges(input: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let begin = input.indexOf('-----BEGIN '); begin >= 0; begin = input.indexOf('-----BEGIN ', begin + 1)) {
    const end = input.indexOf('-----END', begin);
    if (!input.slice(begin, begin + 60).includes('PRIVATE')) ranges.push([begin, end < 0 ? input.length : end]);
  }
  return ranges;
}

/**
 * Whether a base64-alphabet run is an opaque secret. `pemRanges` is computed once per text
 * (thousands of candidate tokens must not each search backwards for a PEM header).
 */
export function isOpaqueSecret(token: string, input: string, index: number, threshold: number, pemRanges: () => Array<[number, number]>): boolean {
  // A typed id such as `pluginver_01Ka…` counts only by its random part.
  const body = token.replace(/=+$/, '').replace(/^[a-z]{2,15}_(?=[A-Za-z0-9])/, '');
  if (body.length < 32 || /^[a-z]{2,15}_01[A-Za-z0-9]{20,}$/.test(token) || body.includes('EXAMPLE')) return false;
  if (/^(?:0x)?[0-9a-fA-F_-]+$/.test(body) || /^sha\d{1,3}-/.test(body)) return false;
  if (PUBLIC_PREFIXES.some((prefix) => body.startsWith(prefix)) || looksLikePath(body) || looksLikeWords(body)) return false;
  const classes = charClasses(body);
  if (classes.upper < 2 || classes.lower < 2 || classes.digit < 2) return false;
  if (classSwitchRatio(body) < 0.4 || shannonEntropy(body) < threshold) return false;
  if (DIGEST_CONTEXT.test(input.slice(Math.max(0, index - 8), index)) || insideUrl(input, index)) return false;
  return decodeBase64Text(token) === null && !pemRanges().some(([begin, end]) => begin < index && index < end);
}

export function highEntropyDetector(threshold = DEFAULT_ENTROPY_THRESHOLD): SecretDetector {
  return {
    kind: 'high_entropy_string',
    description: 'long random-looking base64/base62 string no specific rule recognised',
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,4096}={0,2}(?![A-Za-z0-9+/=_-])/,
    validate: (m, context) => isOpaqueSecret(m[0], m.input, m.index, threshold, () => context.memo('public-pem', () => publicPemRanges(m.input))),
    specificity: 0,
  };
}
