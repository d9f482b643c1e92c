import { formatPath, type PathNode } from '../../../common/matching/json-path';
import { mapStrings } from '../../../common/matching/map-strings';
import { walkJson } from '../../../common/matching/walk-json';
import { base64Tokens, decodeUrlText } from './decoded-variants';
import { secretDetectors } from './secret-patterns';
import type { SecretFinding } from './secret-scan.types';
import { compileDetectors, findSpans, redactSpans, resolveOverlaps, type CompiledDetector, type SecretSpan } from './secret-spans';

export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;
export const INPUT_TOO_LARGE = 'input_too_large';
const TOO_LARGE_LABEL = `[REDACTED:${INPUT_TOO_LARGE}]`;

export interface SecretScannerOptions {
  /**
   * Budget, in UTF-8 bytes, for all keys and string values of one scan (default 1 MiB). Past
   * it nothing more is read: the scan returns what it found plus one `input_too_large` finding
   * at the path where it stopped, and the caller is expected to deny, because the unread rest
   * may hold a secret. `redact` replaces every unread key and string with
   * `[REDACTED:input_too_large]`.
   */
  maxInputBytes?: number;
  /** Minimum Shannon entropy (bits/char) for the high_entropy_string detector; default 4.0. */
  entropyThreshold?: number;
}

/**
 * Finds credentials in tool-call arguments, prompts and results. Pure and synchronous: no
 * Nest, no I/O. Findings name the kind, the path and the offsets, never the secret.
 *
 * Each key and string value is scanned as is, then one level down: every base64 token that
 * decodes to text, and the URL-decoded string. A property's key is also put in front of its
 * value (`DB_PASSWORD=…`) for the detectors that need the name to recognise the secret.
 */
export class SecretScanner {
  private readonly detectors: readonly CompiledDetector[];
  private readonly keyDetectors: readonly CompiledDetector[];
  private readonly maxInputBytes: number;

  constructor(options: SecretScannerOptions = {}) {
    this.detectors = compileDetectors(secretDetectors(options.entropyThreshold));
    this.keyDetectors = this.detectors.filter((d) => d.detector.keyContext === true);
    this.maxInputBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  }

  /** Findings in a plain text such as a prompt; paths are `$`. */
  scanText(text: string): SecretFinding[] {
    return this.scan(text);
  }

  /** Findings in every key and string value of a JSON-shaped value, in document order. */
  scan(value: unknown): SecretFinding[] {
    const session = new ScanSession(this, this.maxInputBytes);
    for (const event of walkJson(value)) {
      if (event.kind !== 'key' && event.kind !== 'string') continue;
      if (session.visit(event.text, event.path, event.kind === 'key') === null) break;
    }
    return session.findings;
  }

  /** A deep copy with each secret (in keys too) replaced by `[REDACTED:<kind>]`, and the findings. */
  redact(value: unknown): { value: unknown; findings: SecretFinding[] } {
    const session = new ScanSession(this, this.maxInputBytes);
    const copy = mapStrings(value, (site) => {
      const spans = session.visit(site.text, site.path, site.isKey);
      return spans === null ? TOO_LARGE_LABEL : redactSpans(site.text, spans);
    });
    return { value: copy, findings: session.findings };
  }

  /** One string redacted as `redact` would redact it as the value of `key`, without a deep copy around it. */
  redactText(text: string, key: string | null = null): string {
    if (Buffer.byteLength(text, 'utf8') > this.maxInputBytes) return TOO_LARGE_LABEL;
    return redactSpans(text, this.spansIn(text, key));
  }

  /** The secret spans of one string, raw and decoded, overlaps resolved. */
  spansIn(text: string, key: string | null): SecretSpan[] {
    const raw = findSpans(text, this.detectors);
    if (key !== null) raw.push(...this.keyedSpans(key, text));
    const tokens = base64Tokens(text);
    const decoded = decodeUrlText(text);
    // The common case, a string with nothing in it, allocates nothing more.
    if (tokens.length === 0 && decoded === null) return raw.length < 2 ? raw : resolveOverlaps(raw);
    const spans = [...raw];
    for (const token of tokens) {
      for (const span of resolveOverlaps(findSpans(token.decoded, this.detectors))) {
        spans.push({ ...span, start: token.start, end: token.end, encoding: 'base64' });
      }
    }
    if (decoded !== null) {
      for (const span of resolveOverlaps(findSpans(decoded, this.detectors))) {
        // A secret without escapes of its own was already found raw, with its exact offsets.
        const secret = decoded.slice(span.start, span.end);
        if (raw.some((r) => r.kind === span.kind && text.slice(r.start, r.end) === secret)) continue;
        spans.push({ ...span, start: 0, end: text.length, encoding: 'url' });
      }
    }
    return resolveOverlaps(spans);
  }

  private keyedSpans(key: string, text: string): SecretSpan[] {
    const offset = key.length + 1;
    return findSpans(`${key}=${text}`, this.keyDetectors)
      .filter((span) => span.start >= offset)
      .map((span) => ({ ...span, start: span.start - offset, end: span.end - offset }));
  }
}

/** Per-call state: the byte budget, findings so far, and how keys print in paths. */
class ScanSession {
  readonly findings: SecretFinding[] = [];
  private readonly keyLabels = new Map<string, string>();
  private used = 0;
  private exhausted = false;

  constructor(
    private readonly scanner: SecretScanner,
    private readonly maxInputBytes: number,
  ) {}

  /** The spans in one key or string value, or null once the byte budget is spent. */
  visit(text: string, path: PathNode | null, isKey: boolean): SecretSpan[] | null {
    if (this.exhausted) return null;
    this.used += Buffer.byteLength(text, 'utf8');
    if (this.used > this.maxInputBytes) {
      this.exhausted = true;
      // A key's own path would print the unscanned key; its parent's path is safe.
      this.findings.push({ kind: INPUT_TOO_LARGE, path: this.pathText(isKey ? (path?.parent ?? null) : path), start: 0, end: 0 });
      return null;
    }
    const key = !isKey && path !== null && typeof path.segment === 'string' ? path.segment : null;
    const spans = this.scanner.spansIn(text, key);
    if (spans.length === 0) return spans;
    if (isKey) this.keyLabels.set(text, redactSpans(text, spans));
    const where = this.pathText(path);
    for (const span of spans) {
      const finding: SecretFinding = { kind: span.kind, path: where, start: span.start, end: span.end };
      if (span.encoding) finding.encoding = span.encoding;
      if (isKey) finding.target = 'key';
      this.findings.push(finding);
    }
    return spans;
  }

  /** Paths print keys that held a secret in their redacted form. */
  private pathText(path: PathNode | null): string {
    return formatPath(path, (key) => this.keyLabels.get(key) ?? key);
  }
}
