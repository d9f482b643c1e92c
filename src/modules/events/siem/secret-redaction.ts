/**
 * Redaction applied to every event before it leaves the process (SSE, stdout, webhook,
 * syslog): values under credential-like keys, and credential-shaped substrings anywhere.
 * Producers should not put secrets in events at all; this is the second line.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|password|passwd|passphrase|secret|client_secret|jwt_secret|token|access_token|refresh_token|id_token|api_key|apikey|x-api-key|private_key|credential|credentials)$/i;

const SECRET_VALUES: RegExp[] = [
  /sp-live-[0-9a-f]{12}\.[0-9a-f]{52}/gi, // this gateway's personal access tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bsk-(ant-)?[A-Za-z0-9_-]{16,}/g, // Anthropic / OpenAI keys
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g, // GitHub tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Credentials inside URLs: `scheme://user:password@host` keeps the user, hides the password. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+):[^@\s/]+@/gi;

/**
 * A substring every pattern above needs: most event strings (ids, model names, timestamps) hold
 * none, and one search is much cheaper than nine replaces on every string of every event.
 */
const SECRET_HINT = /sp-live-|eyJ|bearer|basic|sk-|AKIA|ASIA|gh[pousr]_|xox[abposr]-|PRIVATE KEY|:\/\//i;

export function redactString(value: string): string {
  if (!SECRET_HINT.test(value)) return value;
  let out = value.replace(URL_PASSWORD, `$1:${REDACTED}@`);
  for (const pattern of SECRET_VALUES) out = out.replace(pattern, REDACTED);
  return out;
}

/**
 * A redacted deep copy (plain JSON values only, which is all events carry), or the value itself
 * when nothing in it needs redacting: the common case, and a copy per event was most of the
 * cost of observing it (the resume buffer keeps a thousand of them, too). Producers build a
 * fresh payload per event and never touch it again, so sharing it is safe.
 */
export function redactSecrets<T>(value: T): T {
  return needsRedaction(value, 0) ? (redact(value, 0) as T) : value;
}

function needsRedaction(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return SECRET_HINT.test(value);
  if (value === null || typeof value !== 'object' || depth > 20) return false;
  if (Array.isArray(value)) return value.some((v) => needsRedaction(v, depth + 1));
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if ((SECRET_KEY.test(key) && v !== null && v !== undefined) || needsRedaction(v, depth + 1)) return true;
  }
  return false;
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
