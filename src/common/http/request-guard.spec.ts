import { bodyProblem, MAX_JSON_DEPTH, relaysBody, urlProblem } from './request-guard';

/** `depth` containers, alternately objects and arrays, around a string. */
const nested = (depth: number) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('request guard', () => {
  const checked = { checkStrings: true };

  it.each([
    ['a body nested one level too deep', nested(MAX_JSON_DEPTH + 1), checked, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`],
    ['a NUL in a value', { a: ['x', 'y\u0000'] }, checked, 'The request body contains a NUL character (U+0000), which is not accepted'],
    ['a NUL in a key', { 'k\u0000': 1 }, checked, 'The request body contains a NUL character (U+0000), which is not accepted'],
    ['a lone high surrogate', { email: '\ud800@example.com' }, checked, 'The request body contains ill-formed Unicode (a lone surrogate), which is not accepted'],
    ['a lone low surrogate', ['\udc00'], checked, 'The request body contains ill-formed Unicode (a lone surrogate), which is not accepted'],
    ['a NUL in a plain-text body', 'a\u0000b', checked, 'The request body contains a NUL character (U+0000), which is not accepted'],
    ['a __proto__ key', JSON.parse('{"a":{"__proto__":{"polluted":true}}}'), checked, 'The request body contains a forbidden key (__proto__, or constructor.prototype), which is not accepted'],
    ['a __proto__ key in a relayed prompt', JSON.parse('{"messages":[{"__proto__":{}}]}'), { checkStrings: false }, 'The request body contains a forbidden key (__proto__, or constructor.prototype), which is not accepted'],
    ['a constructor holding a prototype', JSON.parse('[{"constructor":{"prototype":{"x":1}}}]'), checked, 'The request body contains a forbidden key (__proto__, or constructor.prototype), which is not accepted'],
    ['a __proto__ key of a form body (no prototype)', Object.assign(Object.create(null) as object, { ['__proto__']: '1' }), checked, 'The request body contains a forbidden key (__proto__, or constructor.prototype), which is not accepted'],
  ])('refuses %s', (_name, body, options, message) => {
    expect(bodyProblem(body, options)).toBe(message);
  });

  it.each([
    ['a body exactly at the depth limit', nested(MAX_JSON_DEPTH), checked],
    ['a surrogate pair (an emoji)', { text: '🦄 and 𝒳' }, checked],
    ['a NUL where strings are not checked (relayed prompts)', { messages: [{ content: 'a\u0000b' }] }, { checkStrings: false }],
    ['no body', undefined, checked],
    ['a constructor key without a prototype (a tool parameter)', { properties: { constructor: { type: 'string' } } }, checked],
    ['a wide, shallow body', { items: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, checked],
  ])('accepts %s', (_name, body, options) => {
    expect(bodyProblem(body, options)).toBeNull();
  });

  it('a deep body is refused even where strings are not checked', () => {
    expect(bodyProblem(nested(100_000), { checkStrings: false })).toMatch(/nests deeper/);
  });

  it('URLs: a percent-encoded NUL anywhere is refused', () => {
    expect(urlProblem('/api/v1/users?offset=%00')).toMatch(/NUL/);
    expect(urlProblem('/api/v1/users/%00')).toMatch(/NUL/);
    expect(urlProblem('/api/v1/users?q=%2500')).toBeNull();
  });

  it('only the LLM endpoints relay their bodies', () => {
    expect(['/v1/messages', '/v1/messages?beta=true', '/v1/messages/count_tokens', '/v1/chat/completions'].map(relaysBody)).toEqual([true, true, true, true]);
    expect(['/v1/gateway/auth/cowork/pat', '/api/v1/users', '/v1/messagesX'].map(relaysBody)).toEqual([false, false, false]);
  });
});
