import { isJsonObject } from '../../conversion/tool-arguments';
import type { JsonObject } from '../../anthropic/anthropic.types';

/** JSON-schema keywords Gemini's function-declaration schema rejects. */
export const GEMINI_UNSUPPORTED_SCHEMA_KEYS: ReadonlySet<string> = new Set(['$schema', 'additionalProperties']);

/** Keywords whose value maps names to subschemas: the names are data, never keywords. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
/** Keywords whose value is a subschema or a list of them. */
const SCHEMA_VALUES = new Set(['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'not', 'contains']);

/**
 * Removes the rejected keywords at every depth of the schema, and only where they are keywords:
 * a property named `additionalProperties` stays, as do `enum`, `default` and `example` values.
 */
export function toGeminiSchema(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (GEMINI_UNSUPPORTED_SCHEMA_KEYS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isJsonObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, cleanValue(sub)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = Array.isArray(value) ? value.map(cleanValue) : cleanValue(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function cleanValue(value: unknown): unknown {
  return isJsonObject(value) ? toGeminiSchema(value) : value;
}
