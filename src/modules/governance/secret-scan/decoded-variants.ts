import { isUtf8 } from 'node:buffer';

/**
 * The "one level down" views of a string that the scanner also inspects: base64 tokens that
 * decode to text, and the URL-decoded string. Decoding is only accepted when the result is
 * valid UTF-8 and mostly printable, so random bytes never produce matches by accident.
 */

export interface Base64Token {
  readonly start: number;
  readonly end: number;
  readonly decoded: string;
}

const MIN_TOKEN_LENGTH = 16;

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
}

/** At least 95% printable ASCII, whitespace or non-control Unicode, and not empty. */
export function isMostlyPrintable(text: string): boolean {
  if (text.length === 0) return false;
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13 || (c >= 160 && c !== 0xfffd)) printable++;
  }
  return printable / text.length >= 0.95;
}

/** The text a base64 / base64url token decodes to, or null when it is binary or malformed. */
export function decodeBase64Text(token: string): string | null {
  const body = token.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) return null;
  const bytes = Buffer.from(body, 'base64');
  // Control bytes reject random data before the costlier UTF-8 decode.
  let control = 0;
  for (const byte of bytes) if ((byte < 32 && byte !== 9 && byte !== 10 && byte !== 13) || byte === 127) control++;
  if (control > bytes.length * 0.05) return null;
  // A validity check instead of a fatal decoder: a thrown and caught TypeError per rejected
  // token cost more than the rest of the scan of a short string (ids in audit data are such tokens).
  if (!isUtf8(bytes)) return null;
  const text = bytes.toString('utf8');
  return text.length >= 6 && isMostlyPrintable(text) ? text : null;
}

/** Every run of 16+ base64 characters (plus padding) in `text` that decodes to printable text. */
export function base64Tokens(text: string): Base64Token[] {
  const tokens: Base64Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isBase64Char(text.charCodeAt(i))) i++;
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
    i = end;
    if (end - start < MIN_TOKEN_LENGTH || /^[0-9a-fA-F-]+$/.test(text.slice(start, end))) continue;
    const decoded = decodeBase64Text(text.slice(start, end));
    if (decoded !== null) tokens.push({ start, end, decoded });
  }
  return tokens;
}

/**
 * The string with every run of valid %XX escapes decoded (`+` stays `+`: base64 secrets contain
 * it), or null when there is nothing to decode or the result is not printable text.
 */
export function decodeUrlText(text: string): string | null {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return null;
  const decoded = text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return decoded !== text && isMostlyPrintable(decoded) ? decoded : null;
}
