/** Shapes shared by the secret detectors, the scanner and its callers. */

/**
 * Where a secret was found; never the secret itself. `start`/`end` are UTF-16 offsets into the
 * string at `path` (a key when `target` is `'key'`). A secret seen only after decoding is
 * reported on the encoded text: the base64 token that decoded to it, or the whole string for
 * URL encoding.
 */
export interface SecretFinding {
  kind: string;
  path: string;
  start: number;
  end: number;
  encoding?: 'base64' | 'url';
  target?: 'key';
}

export interface SecretDetector {
  /** Stable snake_case name, reported as the finding's kind and in `[REDACTED:<kind>]`. */
  readonly kind: string;
  readonly description: string;
  /**
   * Written without the `g`/`y`/`d` flags (the scanner adds them). Every quantifier is bounded,
   * so one attempt costs a constant and a scan is linear in the text. A named group `secret`,
   * when present, is the reported span (otherwise the whole match is) and must end the match:
   * trailing context goes in a lookahead.
   */
  readonly pattern: RegExp;
  /**
   * For a pattern that is dear to run where it cannot match: a cheap test that every text the
   * pattern matches passes (its keywords case-insensitively, or a literal it cannot match
   * without). A text that fails it is not searched. Without the `g`/`y` flags. The detector
   * table's spec checks it against every corpus text the pattern matches.
   */
  readonly prefilter?: RegExp;
  /** Rejects format-valid matches that are placeholders, examples or not secrets at all. */
  readonly validate?: (match: RegExpExecArray, context: ScanContext) => boolean;
  /**
   * Which finding survives when spans nest: provider formats 3, structural formats (JWT, PEM,
   * URLs with passwords) 2, keyword assignments 1, bare entropy 0. Defaults to 3.
   */
  readonly specificity?: number;
  /**
   * The keyword this detector needs often sits in an object key (`{"DB_PASSWORD": "…"}`), so
   * for object properties the scanner also runs it over `<key>=<value>`.
   */
  readonly keyContext?: boolean;
}

/** Per-text scratch space for validators: `memo` computes a value once per scanned text. */
export interface ScanContext {
  memo<T>(key: string, compute: () => T): T;
}
