/**
 * Checks on a parsed request before validation sees it, for input that would otherwise reach
 * code or storage that cannot take it:
 * - nesting: `JSON.parse` copes with any depth, but the validation pipes (class-transformer),
 *   `JSON.stringify` and some converters recurse, so a body nested tens of thousands of levels
 *   deep overflowed the stack (a 500). Real requests, tool schemas included, stay far below.
 * - NUL (U+0000): PostgreSQL stores it in neither text nor jsonb, so it failed inserts and
 *   lookups (a 500), and one such row in a batch blocked the audit writers. URLs never need it;
 *   bodies are checked everywhere but the LLM endpoints, whose prompts (tool output included)
 *   are forwarded, not stored.
 * - lone surrogates (`"\ud800"` is valid JSON, but not Unicode): validator.js (`@IsEmail()`)
 *   calls `encodeURI`, which throws on them (a 500). Checked where NUL is.
 */
export const MAX_JSON_DEPTH = 256;

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one string of a body, or null. */
function stringProblem(value: string): string | null {
  if (value.includes(NUL)) return 'a NUL character (U+0000)';
  return LONE_SURROGATE.test(value) ? 'ill-formed Unicode (a lone surrogate)' : null;
}

/** Bodies relayed to a model as they are: NUL may be part of a prompt. */
const RELAYED = /^\/v1\/(messages|messages\/count_tokens|chat\/completions)(\?|$)/;

export function relaysBody(url: string): boolean {
  return RELAYED.test(url);
}

/** Why `body` is refused, or null. Iterative, and stops at the first problem. */
export function bodyProblem(body: unknown, options: { checkStrings: boolean }): string | null {
  if (typeof body === 'string') return options.checkStrings ? refusal('body', stringProblem(body)) : null;
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return null;
  const stack: { node: object; depth: number }[] = [{ node: body, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return `Request body nests deeper than ${MAX_JSON_DEPTH} levels`;
    const keys = Array.isArray(node) ? null : Object.keys(node);
    const values: unknown[] = keys ? keys.map((k) => (node as Record<string, unknown>)[k]) : (node as unknown[]);
    for (const key of options.checkStrings && keys ? keys : []) {
      const problem = stringProblem(key);
      if (problem) return refusal('body', problem);
    }
    for (const value of values) {
      if (typeof value === 'object' && value !== null) stack.push({ node: value, depth: depth + 1 });
      else if (options.checkStrings && typeof value === 'string') {
        const problem = stringProblem(value);
        if (problem) return refusal('body', problem);
      }
    }
  }
  return null;
}

/** Why the URL is refused, or null: a percent-encoded NUL anywhere in path or query. */
export function urlProblem(url: string): string | null {
  return /%00/.test(url) ? refusal('URL', 'a NUL character (U+0000)') : null;
}

function refusal(where: string, problem: string | null): string | null {
  return problem && `The request ${where} contains ${problem}, which is not accepted`;
}

/** A client error the global filter shows as is (Fastify-style `statusCode`, safe message). */
export function badRequest(message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode: 400 });
}
