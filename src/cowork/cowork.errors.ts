/**
 * Why a cowork command stopped. Each code maps to one exit status, so a script (or Claude for
 * Work) can tell a broken local setup (2) from a gateway or verification failure (1).
 */
export type CoworkErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'GATEWAY_URL_MISSING'
  | 'NO_CREDENTIALS'
  | 'NO_PROVIDER_SUCCEEDED'
  | 'PROVIDER_FAILED'
  | 'GATEWAY_UNREACHABLE'
  | 'GATEWAY_REJECTED'
  | 'MANIFEST_INVALID'
  | 'KEY_MISMATCH';

const EXIT_STATUS = {
  USAGE: 2,
  CONFIG_INVALID: 2,
  GATEWAY_URL_MISSING: 2,
  NO_CREDENTIALS: 2,
  NO_PROVIDER_SUCCEEDED: 1,
  PROVIDER_FAILED: 1,
  GATEWAY_UNREACHABLE: 1,
  GATEWAY_REJECTED: 1,
  MANIFEST_INVALID: 1,
  KEY_MISMATCH: 1,
} as const satisfies Record<CoworkErrorCode, 1 | 2>;

/** A failure whose message is the single line printed on stderr; it never holds a credential. */
export class CoworkError extends Error {
  constructor(
    readonly code: CoworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoworkError';
  }

  get exitStatus(): 1 | 2 {
    return EXIT_STATUS[this.code];
  }
}

/** The message of anything thrown, flattened to one line so stderr stays one line per event. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(message);
}

/** Collapses whitespace and caps the length: server bodies end up in messages and may be long. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
