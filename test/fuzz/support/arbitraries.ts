import fc from 'fast-check';

/**
 * Generators of bad input shared by the fuzz suites: hostile JSON values, near-valid bodies
 * (fields dropped, retyped, oversized, nested), wrong content types, garbage bytes and odd
 * headers. Kept cheap to generate: big strings are built by `repeat`, not drawn char by char.
 */

/** One HTTP request as sent with `app.inject` (payload already encoded). */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Marks a field to leave out of a generated body. */
export const DROP: unique symbol = Symbol('drop');
export type Maybe<T> = T | typeof DROP;

/** Just over the default `server.body_limit_bytes` (10 MiB): built once, refused by length alone. */
const OVERSIZED = `{"x":"${'y'.repeat(10 * 1024 * 1024)}"}`;

/**
 * Built from code points: `fc.string({ unit })` with a custom or wide unit maps every possible
 * character up front (seconds per suite).
 */
const fromCodes = (min: number, max: number, length: { minLength?: number; maxLength: number }) =>
  fc.array(fc.integer({ min, max }), length).map((codes) => String.fromCharCode(...codes));

/** Strings a header may carry on the wire (visible ASCII, space, obs-text). */
export const headerValue = fc.oneof(
  { weight: 30, arbitrary: fromCodes(0x20, 0xff, { maxLength: 40 }).map((s) => s.replace(/\x7f/g, '')) },
  { weight: 1, arbitrary: fc.constantFrom(1024, 8 * 1024).map((n) => 'x'.repeat(n)) },
);

/**
 * URLs of every kind a field may be given (`fc.webUrl` maps every percent-encoded character up
 * front, seconds per suite).
 */
export const someUrl = fc
  .tuple(fc.constantFrom('https', 'http', 'HTTPS', 'ftp', 'javascript', 'data'), fc.constantFrom('app.example', '127.0.0.1:9', 'localhost', '[::1]', 'xn--n3h.example', ''), fc.constantFrom('', '/', '/cb', '/a/../b', '/%2e%2e/', '/path?q=1#frag', '/ü'))
  .map(([scheme, host, path]) => `${scheme}://${host}${path}`);

/** Unicode, control characters, lone surrogates, look-alike keys, and the occasional big one. */
export const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  // Any code point, lone surrogates included (what `unit: 'binary'` gives, without its setup cost).
  { weight: 4, arbitrary: fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 20 }).map((cps) => String.fromCodePoint(...cps)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\uD800',
      '\uDFFF\uD800',
      '\u202E\u0041\u0042',
      '🦄💥',
      '__proto__',
      'constructor',
      'toString',
      'null',
      'undefined',
      'NaN',
      '-1',
      '1e309',
      '%00',
      '%zz',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '${jndi:ldap://x}',
      '{{7*7}}',
      'sp-live-000000000000.' + '0'.repeat(52),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000).map((n) => 'A'.repeat(n)) },
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, 0.5),
);

/** A JSON value built to break validators: wrong types, nesting, big containers. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(20, 200, 300).map((depth) => nested(depth)) },
  { weight: 1, arbitrary: fc.constantFrom(50, 500).map((n) => Array.from({ length: n }, (_, i) => i)) },
);

/** `depth` containers deep, arrays and objects in turn: `[{"a":[…]}]`. */
export function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/**
 * A field that is usually valid, sometimes retyped or dropped: a body of k such fields is
 * entirely valid with probability about (valid / (valid + 2))^k.
 */
export function field<T>(valid: fc.Arbitrary<T>, validWeight = 3): fc.Arbitrary<Maybe<T | unknown>> {
  return fc.oneof(
    { weight: validWeight, arbitrary: valid as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.constant<typeof DROP>(DROP) },
  );
}

/** Drops the DROP fields of a generated record. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== DROP));
}

/** Keys that name something on every object's prototype chain (`{"constructor":{}}` once skipped validation). */
const prototypeKey = fc.constantFrom('constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then', 'toJSON');
const extraKey = fc.oneof({ weight: 3, arbitrary: nastyString.filter((k) => k.length < 64) }, { weight: 1, arbitrary: prototypeKey });

/** A record of `field`s plus, sometimes, unknown extra keys. */
export function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.record(fields), fc.option(fc.dictionary(extraKey, nastyValue, { maxKeys: 3 }), { freq: 4 }))
    .map(([record, extra]) => ({ ...(extra ?? {}), ...compact(record) }));
}

/** Any JSON document, or a hostile value: for "random JSON" inputs. */
export const randomJson: fc.Arbitrary<unknown> = fc.oneof({ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) }, { weight: 1, arbitrary: nastyValue });

export interface EncodedBody {
  payload: string | Buffer;
  contentType?: string;
}

const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/octet-stream',
  'application/json, text/html',
  'json',
  '*/*',
  '',
  ';;;',
  'application/vnd.api+json',
  'text/event-stream',
);

const garbageBytes = fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes));

/**
 * A body as sent: usually the JSON of `value`; sometimes the same bytes under a wrong media type,
 * truncated JSON, garbage bytes, a prototype-pollution attempt, a deep raw nesting, or a body
 * just over the limit.
 */
export function encodedBody(value: fc.Arbitrary<unknown>, jsonWeight = 12): fc.Arbitrary<EncodedBody> {
  const asJson = value.map((v): EncodedBody => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  return fc.oneof(
    { weight: jsonWeight, arbitrary: asJson },
    { weight: 1, arbitrary: fc.tuple(asJson, wrongContentType).map(([b, contentType]) => ({ payload: b.payload, contentType: contentType || undefined })) },
    { weight: 1, arbitrary: fc.tuple(asJson, fc.nat()).map(([b, cut]) => ({ payload: String(b.payload).slice(0, cut % Math.max(1, String(b.payload).length)), contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(garbageBytes, fc.constantFrom('application/json', undefined, 'application/x-www-form-urlencoded')).map(([payload, contentType]) => ({ payload, contentType })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<EncodedBody>(
        { payload: '{"__proto__":{"polluted":true}}', contentType: 'application/json' },
        { payload: '{"constructor":{"prototype":{"polluted":true}}}', contentType: 'application/json' },
        { payload: `${'['.repeat(50_000)}${']'.repeat(50_000)}`, contentType: 'application/json' },
        { payload: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`, contentType: 'application/json' },
        { payload: '', contentType: 'application/json' },
        { payload: 'null', contentType: 'application/json' },
        { payload: '\uFEFF{}', contentType: 'application/json' },
        { payload: '{"a":1,"a":2}', contentType: 'application/json' },
        { payload: `{"x":"${'y'.repeat(70_000)}"}`, contentType: 'application/json' },
        { payload: OVERSIZED, contentType: 'application/json' },
      ),
    },
  );
}

/** Authorization headers: the caller's own, and every way to get it wrong. */
export function authorization(validTokens: string[]): fc.Arbitrary<Maybe<string>> {
  const token = fc.constantFrom(...validTokens);
  return fc.oneof(
    { weight: 24, arbitrary: token.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constant<typeof DROP>(DROP) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        token.map((t) => `bearer    ${t}  `),
        token.map((t) => `Basic ${Buffer.from(`${t}:`).toString('base64')}`),
        token.map((t) => `Token ${t}`),
        token.map((t) => `Bearer ${t.slice(0, -1)}`),
        token.map((t) => `Bearer ${t}${t}`),
        fc.constantFrom('Bearer', 'Bearer ', 'Basic', 'Basic !!!', 'Digest username="a"', 'Negotiate YII=', 'Bearer eyJhbGciOiJub25lIn0.e30.', 'Bearer a.b.c', 'Bearer sp-live-xyz', 'Bearer sp-live-aaaaaaaaaaaa.'),
        fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 12, maxLength: 12 }).map((d) => d.map((x) => x.toString(16)).join('')).map((h) => `Bearer sp-live-${h}.${'0'.repeat(52)}`),
        headerValue,
      ),
    },
  );
}

/** Identity and transport headers with odd values (huge trace ids, bad session ids, …). */
export const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom('x-trace-id', 'x-session-id', 'x-user-id', 'x-tenant-id', 'x-client-id', 'x-policy-version', 'x-call-source', 'x-agent-name', 'x-forwarded-for', 'accept', 'accept-encoding', 'origin', 'cookie', 'x-api-key', 'mcp-session-id', 'mcp-protocol-version', 'x-foo'),
  headerValue,
  { maxKeys: 3 },
);

/** Query strings: well-formed pairs, repeated keys, broken percent-encoding, bare keys. */
export function queryString(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const keys = Object.keys(params);
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...keys).chain((k) => params[k]!.map((v) => `${encodeComponent(k)}=${encodeComponent(v)}`)) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => k) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).chain((k) => nastyString.map((v) => `${k}=${encodeComponent(v.slice(0, 2000))}`)) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%', '=', '&&', 'a[b]=1', 'a[]=1&a[]=2', '__proto__[x]=1', 'constructor[prototype][x]=1', '%E0%A4%A', '%ED%A0%80=%ED%B0%80', 'a=%F0%9F', '%00=%00', `${'k'.repeat(3000)}=1`) },
  );
  return fc.array(pair, { maxLength: 8 }).map((pairs) => pairs.join('&'));
}

/**
 * A query string for an endpoint that reads none from its URL (JSON and form bodies): empty two
 * times in three, otherwise `params` mixed with hostile pairs. Clients add them (`?beta=true`).
 */
export function extraQuery(params: Record<string, fc.Arbitrary<string>> = { x: nastyString }): fc.Arbitrary<string> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 1, arbitrary: queryString(params) });
}

/** `url` with `query` appended, when there is one. */
export function withQuery(url: string, query: string): string {
  return query === '' ? url : `${url}?${query}`;
}

/** `encodeURIComponent` that survives lone surrogates (they become U+FFFD first). */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** Puts an encoded body and headers into a request. */
export function withBody(method: FuzzRequest['method'], url: string, headers: Record<string, Maybe<string>>, body: EncodedBody | null): FuzzRequest {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== DROP) clean[k.toLowerCase()] = v;
  if (body?.contentType) clean['content-type'] = body.contentType;
  return printable(body ? { method, url, headers: clean, payload: body.payload } : { method, url, headers: clean });
}

/** fast-check prints counterexamples with this, so a 100 kB body does not flood the report. */
export function printable(request: FuzzRequest): FuzzRequest {
  return Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request), enumerable: false });
}

export function describeRequest(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : Buffer.isBuffer(request.payload) ? `<${request.payload.length} bytes: ${request.payload.subarray(0, 60).toString('hex')}>` : request.payload;
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v.length > 100 ? `${v.slice(0, 100)}…(${v.length})` : v]));
  return `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(headers)} ${payload.slice(0, 400)}${payload.length > 400 ? `…(${payload.length})` : ''}`;
}
