import { shannonEntropy } from './shannon-entropy';

/** Small predicates the detectors share to tell real secrets from look-alikes. */

/** The reported part of a match: the `secret` group when the pattern has one. */
export function secretText(match: RegExpExecArray): string {
  return match.groups?.secret ?? match[0];
}

export interface CharClasses {
  upper: number;
  lower: number;
  digit: number;
  other: number;
}

export function charClasses(text: string): CharClasses {
  const counts = { upper: 0, lower: 0, digit: 0, other: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) counts.upper++;
    else if (c >= 97 && c <= 122) counts.lower++;
    else if (c >= 48 && c <= 57) counts.digit++;
    else counts.other++;
  }
  return counts;
}

/** Token bodies like `XXXX…`, `0000…` or `abcabc…` in documentation are not credentials. */
export function looksRandom(text: string, minEntropy = 3): boolean {
  return shannonEntropy(text) >= minEntropy;
}

const PLACEHOLDER_WORDS = [
  'example', 'placeholder', 'changeme', 'change_me', 'change-me', 'redacted', 'your_', 'your-', 'yourpass',
  'xxxx', '****', '....', '…', 'mock', 'dummy', 'sample', 'fake',
];
const PLACEHOLDER_VALUES = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'null', 'none', 'nil',
  'undefined', 'true', 'false', 'empty', 'string', 'str', 'test', 'admin', 'user', 'username', 'mysecret',
  'mypassword', 'secretkey', 'secret_key',
]);

/** Whether `text` uses at most `limit` distinct characters (`****`, `xxxx`, `abab`). */
function fewDistinct(text: string, limit: number): boolean {
  const seen: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!seen.includes(c)) {
      if (seen.length === limit) return false;
      seen.push(c);
    }
  }
  return true;
}

/**
 * Values that stand for a secret instead of being one: `***`, `<password>`, `${VAR}`, `$VAR`,
 * `%s`, `{{ .Values.x }}`, `process.env.X`, words like "changeme", one repeated character.
 */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (value.length === 0 || PLACEHOLDER_VALUES.has(lower)) return true;
  // `$VAR`, `%s`, `{{ x }}`, `<password>`, `[redacted]`, and code or regex such as `!!(m[3]`.
  if (/^(?:[$%{[(<^]|!!)/.test(value)) return true;
  if (fewDistinct(value, 2)) return true;
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) return true;
  // `somepassword`, `Password123!`, `my_secret`: a placeholder word dressed up.
  const letters = lower.replace(/[^a-z]/g, '').replace(/^(?:some|my|your|the|new|old|db|app|user|test)/, '');
  if (PLACEHOLDER_VALUES.has(letters)) return true;
  return /^(?:process\.env|os\.environ|env\(|getenv|secrets?\.|vault:|ref\+|arn:)/i.test(value);
}

/** Code references such as `config.db.password`, `opts?.secret` or `getToken()`: an expression, not a literal. */
export function isCodeReference(value: string): boolean {
  return /^[A-Za-z_$][\w$]{0,80}(?:\??\.[A-Za-z_$][\w$]{0,80}){1,10}/.test(value) || /^[A-Za-z_$][\w$.]{0,80}[([]/.test(value);
}

/**
 * Names made of words (`APIKeySecurityScheme$1`, `mock-api-key-123`, `AuthenticationMD5Password`):
 * every word has three letters or is an acronym, with few digits. Random strings nearly always
 * break into one- and two-letter fragments.
 */
export function looksLikeIdentifier(value: string): boolean {
  if (!/^[A-Za-z0-9_$.-]+$/.test(value) || (value.match(/\d/g)?.length ?? 0) > 3) return false;
  const words = value.match(/[A-Z]{2,}(?![a-z])|[A-Z]*[a-z]+|[A-Z]/g) ?? [];
  return words.length > 0 && words.every((word) => word.length >= 3 || /^[A-Z]{2}$/.test(word));
}

/**
 * A keyword-assigned value that is worth flagging: not a placeholder, not code, not a plain
 * word or snake_case name, and varied enough (three character classes, or two and long).
 */
export function isHighEntropyValue(literal: string): boolean {
  // `f(secret: SourceData):` — closing punctuation belongs to the code around the value.
  const value = literal.replace(/[)\]}>:.,]+$/, '');
  if (value.length < 8) return false;
  // Cheapest test first: most candidates in ordinary text fail on variety alone.
  const classes = charClasses(value);
  const kinds = [classes.upper, classes.lower, classes.digit, classes.other].filter((n) => n > 0).length;
  const entropy = shannonEntropy(value);
  if (!((kinds >= 3 && entropy >= 2.5) || (kinds >= 2 && value.length >= 16 && entropy >= 3.3))) return false;
  if (isPlaceholder(value) || isCodeReference(value) || looksLikeIdentifier(value)) return false;
  // eslint-disable-next-line no-control-regex
  if ((value.match(/[^\x00-\x7f]/g)?.length ?? 0) > value.length * 0.3) return false; // prose in another script
  if (/^\p{L}+$/u.test(value) || /^[a-z]+(?:[_-][a-z]+)*\d{0,4}$/i.test(value)) return false;
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]{0,40})?$/.test(value) || /^\d+$/.test(value)) return false;
  return !/:\/\/|^\.{0,2}\/|^~\//.test(value);
}

/** Decodes one base64url JWT segment and parses it as a JSON object, or returns null. */
export function decodeJsonSegment(segment: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Builds a case-insensitive regex fragment for a keyword without the `i` flag on the whole pattern. */
export function anyCase(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))).join('');
}
