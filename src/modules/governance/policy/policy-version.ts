import { createHash } from 'node:crypto';

/** A short, stable hash of the active policy: decisions name the policy that made them. */
export function policyVersion(policy: unknown): string {
  return createHash('sha256').update(stableStringify(policy)).digest('hex').slice(0, 16);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
