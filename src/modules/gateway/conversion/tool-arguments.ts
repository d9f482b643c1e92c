import type { JsonObject } from '../anthropic/anthropic.types';

/**
 * Anthropic tool input is a JSON object; OpenAI tool arguments are a string the model wrote and
 * may have botched. Arguments that are not a JSON object are kept verbatim under this key rather
 * than dropped, so the client (and the audit record) sees what the model produced, and the
 * reverse conversion restores the exact original string.
 */
export const RAW_ARGUMENTS_KEY = '_raw_arguments';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Never throws: empty → `{}`, a JSON object → itself, anything else → `{ _raw_arguments: raw }`. */
export function parseToolArguments(raw: string | null | undefined): JsonObject {
  if (raw === undefined || raw === null || raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isJsonObject(parsed)) return parsed;
  } catch {
    // falls through: kept raw below
  }
  return { [RAW_ARGUMENTS_KEY]: raw };
}

/** The inverse of `parseToolArguments`. */
export function stringifyToolInput(input: JsonObject | undefined): string {
  if (input === undefined) return '{}';
  const keys = Object.keys(input);
  const raw = input[RAW_ARGUMENTS_KEY];
  if (keys.length === 1 && typeof raw === 'string') return raw;
  return JSON.stringify(input);
}
