import type { z } from 'zod';

/** Turns the first schema issue into a dotted field name and a reason, for BootstrapError. */
export function describeIssue(issue: z.core.$ZodIssue): { field: string; reason: string } {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { field: base ? `${base}.${key}` : key, reason: 'unknown key' };
  }
  return { field: base || '(root)', reason: issue.message };
}
