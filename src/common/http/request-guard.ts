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
 * - prototype poisoning: a `__proto__` key, or a `constructor` key holding a `prototype`, in
 *   any body (what Fastify's JSON parser refuses by default; it is told not to, because its
 *   check runs two regular expressions over the whole text, 4 % of a 90 KB prompt's cost, and
 *   this walk meets every key anyway).
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

/**
 * Why `body` is refused, or null; stops at the first problem. Recursive, but never deeper than
 * MAX_JSON_DEPTH, and allocation-free: keys and values are read in place (the first version
 * copied each object's keys and values into arrays, a quarter of everything a 90 KB prompt
 * allocated).
 */
export function bodyProblem(body: unknown, options: { checkStrings: boolean }): string | null {
  if (typeof body === 'string') return options.checkStrings ? refusal('body', stringProblem(body)) : null;
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return null;
  return nodeProblem(body, 1, options.checkStrings);
}

function nodeProblem(node: object, depth: number, checkStrings: boolean): string | null {
  if (depth > MAX_JSON_DEPTH) return `Request body nests deeper than ${MAX_JSON_DEPTH} levels`;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const problem = valueProblem(node[i], depth, checkStrings);
      if (problem) return problem;
    }
    return null;
  }
  for (const key in node) {
    if (key === '__proto__' || (key === 'constructor' && carriesPrototype((node as Record<string, unknown>)[key]))) return FORBIDDEN_KEY;
    if (checkStrings) {
      const problem = stringProblem(key);
      if (problem) return refusal('body', problem);
    }
    const problem = valueProblem((node as Record<string, unknown>)[key], depth, checkStrings);
    if (problem) return problem;
  }
  return null;
}

const FORBIDDEN_KEY = 'The request body contains a forbidden key (__proto__, or constructor.prototype), which is not accepted';

function carriesPrototype(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype');
}

function valueProblem(value: unknown, depth: number, checkStrings: boolean): string | null {
  if (typeof value === 'object' && value !== null) return nodeProblem(value, depth + 1, checkStrings);
  return checkStrings && typeof value === 'string' ? refusal('body', stringProblem(value)) : null;
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
