/**
 * Caps the distinct values one label may take (model names come from callers): past `max`
 * values every new one is reported as `other`, so a client cannot blow up the series count.
 */
export class LabelLimiter {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 200) {}

  value(raw: string | null | undefined, fallback = 'unknown'): string {
    const value = raw === null || raw === undefined || raw === '' ? fallback : raw.slice(0, 120);
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
