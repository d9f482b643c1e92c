import fc from 'fast-check';
import { bearer, createUser } from '../factories/user.factory';
import { createTestApp, type TestApp } from '../utils/test-app';
import { authorization, DROP, encodedBody, extraQuery, field, type FuzzRequest, headerValue, type Maybe, nastyString, nastyValue, nearValid, oddHeaders, randomJson, someUrl, withBody, withQuery } from './support/arbitraries';
import { FAMILY_TIMEOUT_MS, FUZZ_LIMITS_PROFILE, fuzzGovernanceProfile, INPUTS_PER_FAMILY } from './support/fuzz-app';
import { createTally, expectHealthy, fuzzFamily, reportTally, watchUnhandledRejections } from './support/fuzz-harness';
import { type HealthyUpstream, startHealthyAnthropic, startHealthyOpenAi } from './support/healthy-upstreams';

/**
 * `/v1/messages` and `/v1/chat/completions` under generated input. Both models route to healthy
 * upstream doubles (Anthropic and OpenAI), so valid inputs run the converters both ways and any
 * 5xx is the gateway's own. Errors must have the Anthropic shape (or be a governance denial).
 */

const MODELS = fc.constantFrom('claude-fuzz-1', 'gpt-fuzz-1');
const model = fc.oneof({ weight: 8, arbitrary: MODELS }, { weight: 1, arbitrary: nastyString });
const shortText = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('hi', 'hello there', 'what is 2+2?') }, { weight: 1, arbitrary: nastyString });

const anthropicBlock = fc.oneof(
  { weight: 3, arbitrary: nearValid({ type: field(fc.constant('text')), text: field(shortText) }) },
  { weight: 1, arbitrary: nearValid({ type: field(fc.constant('image')), source: field(fc.record({ type: fc.constantFrom('base64', 'url'), media_type: fc.constantFrom('image/png', 'x'), data: fc.base64String({ maxLength: 40 }), url: someUrl })) }) },
  { weight: 1, arbitrary: nearValid({ type: field(fc.constant('tool_use')), id: field(fc.constantFrom('toolu_1', 'toolu_2')), name: field(fc.constantFrom('get_weather', 'x')), input: field(randomJson) }) },
  { weight: 1, arbitrary: nearValid({ type: field(fc.constant('tool_result')), tool_use_id: field(fc.constantFrom('toolu_1', 'missing')), content: field(fc.oneof(shortText, fc.array(nearValid({ type: field(fc.constant('text')), text: field(shortText) }), { maxLength: 2 }))), is_error: field(fc.boolean(), 1) }) },
  { weight: 1, arbitrary: nearValid({ type: field(fc.constantFrom('thinking', 'redacted_thinking', 'document', 'server_tool_use', 'unknown_kind')), thinking: field(shortText), signature: field(nastyString) }) },
  { weight: 1, arbitrary: nastyValue },
);

const anthropicMessage = nearValid({
  role: field(fc.constantFrom('user', 'assistant', 'user', 'system', 'tool')),
  content: field(fc.oneof({ weight: 3, arbitrary: shortText }, { weight: 3, arbitrary: fc.array(anthropicBlock, { maxLength: 3 }) }, { weight: 1, arbitrary: nastyValue })),
});

const anthropicTool = nearValid({ name: field(fc.constantFrom('get_weather', 'calc')), description: field(shortText, 1), input_schema: field(fc.oneof(fc.constant({ type: 'object', properties: {} }), randomJson)) });

const messagesBody = nearValid({
  model: field(model, 6),
  max_tokens: field(fc.integer({ min: 1, max: 64 }), 6),
  messages: field(fc.array(anthropicMessage, { minLength: 1, maxLength: 3 }), 6),
  stream: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: nastyValue }),
  system: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: shortText }, { weight: 1, arbitrary: fc.array(anthropicBlock, { maxLength: 2 }) }),
  tools: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(anthropicTool, { maxLength: 2 }) }, { weight: 1, arbitrary: nastyValue }),
  tool_choice: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<unknown>({ type: 'auto' }, { type: 'any' }, { type: 'tool', name: 'calc' }, { type: 'none' }, 'auto') }, { weight: 1, arbitrary: nastyValue }),
  temperature: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: nastyValue }),
  stop_sequences: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) }),
  thinking: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('enabled', 'disabled'), budget_tokens: nastyValue }) }),
  metadata: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: randomJson }),
});

const openAiPart = fc.oneof(
  { weight: 3, arbitrary: nearValid({ type: field(fc.constant('text')), text: field(shortText) }) },
  { weight: 1, arbitrary: nearValid({ type: field(fc.constant('image_url')), image_url: field(fc.oneof(fc.record({ url: fc.oneof(someUrl, fc.constant('data:image/png;base64,iVBORw0KGgo='), nastyString), detail: fc.constantFrom('auto', 'low', 'high', 'max') }), nastyValue)) }) },
  { weight: 1, arbitrary: nearValid({ type: field(fc.constantFrom('input_audio', 'file', 'refusal', 'weird')), refusal: field(shortText, 1), input_audio: field(randomJson, 1) }) },
  { weight: 1, arbitrary: nastyValue },
);

const openAiToolCall = nearValid({
  id: field(fc.constantFrom('call_1', 'call_2')),
  type: field(fc.constantFrom('function', 'custom')),
  function: field(nearValid({ name: field(fc.constantFrom('get_weather', 'calc')), arguments: field(fc.oneof(fc.constant('{"city":"Paris"}'), fc.json({ maxDepth: 2 }), nastyString)) })),
});

const openAiMessage = fc.oneof(
  { weight: 4, arbitrary: nearValid({ role: field(fc.constant('user')), content: field(fc.oneof(shortText, fc.array(openAiPart, { maxLength: 3 }))), name: field(shortText, 1) }) },
  { weight: 1, arbitrary: nearValid({ role: field(fc.constantFrom('system', 'developer')), content: field(fc.oneof(shortText, fc.array(openAiPart, { maxLength: 2 }))) }) },
  { weight: 1, arbitrary: nearValid({ role: field(fc.constant('assistant')), content: field(fc.oneof(fc.constant(null), shortText, fc.array(openAiPart, { maxLength: 2 }))), tool_calls: field(fc.array(openAiToolCall, { maxLength: 2 })), refusal: field(fc.option(shortText), 1) }) },
  { weight: 1, arbitrary: nearValid({ role: field(fc.constant('tool')), content: field(fc.oneof(shortText, fc.array(openAiPart, { maxLength: 2 }))), tool_call_id: field(fc.constantFrom('call_1', 'nope')) }) },
  { weight: 1, arbitrary: nearValid({ role: field(fc.constantFrom('function', 'robot', '')), content: field(shortText), name: field(shortText) }) },
);

const openAiTool = nearValid({
  type: field(fc.constantFrom('function', 'web_search')),
  function: field(nearValid({ name: field(fc.constantFrom('get_weather', 'calc')), description: field(shortText, 1), parameters: field(fc.oneof(fc.constant({ type: 'object', properties: {} }), randomJson)), strict: field(fc.boolean(), 1) })),
});

const optional = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: nastyValue });

const chatBody = nearValid({
  model: field(model, 6),
  messages: field(fc.array(openAiMessage, { minLength: 1, maxLength: 3 }), 6),
  stream: optional(fc.boolean()),
  stream_options: optional(fc.record({ include_usage: fc.boolean() })),
  max_tokens: optional(fc.integer({ min: 1, max: 64 })),
  max_completion_tokens: optional(fc.integer({ min: 1, max: 64 })),
  temperature: optional(fc.double({ min: 0, max: 2, noNaN: true })),
  top_p: optional(fc.double({ min: 0, max: 1, noNaN: true })),
  n: optional(fc.integer({ min: 1, max: 3 })),
  stop: optional(fc.oneof(shortText, fc.array(shortText, { maxLength: 5 }))),
  tools: optional(fc.array(openAiTool, { maxLength: 2 })),
  tool_choice: optional(fc.constantFrom<unknown>('auto', 'none', 'required', { type: 'function', function: { name: 'calc' } }, { type: 'function' })),
  parallel_tool_calls: optional(fc.boolean()),
  response_format: optional(fc.constantFrom<unknown>({ type: 'text' }, { type: 'json_object' }, { type: 'json_schema', json_schema: { name: 'x', schema: {} } })),
  reasoning_effort: optional(fc.constantFrom('low', 'medium', 'high')),
  user: optional(shortText),
  seed: optional(fc.integer()),
  logprobs: optional(fc.boolean()),
  functions: optional(fc.array(openAiTool, { maxLength: 1 })),
});

describe('gateway /v1/* under generated input (fuzz)', () => {
  let t: TestApp;
  let anthropic: HealthyUpstream;
  let openai: HealthyUpstream;
  let tokens: string[];
  const tally = createTally();
  const rejections = watchUnhandledRejections();

  beforeAll(async () => {
    [anthropic, openai] = await Promise.all([startHealthyAnthropic(), startHealthyOpenAi()]);
    t = await createTestApp({
      profile: `${FUZZ_LIMITS_PROFILE}${fuzzGovernanceProfile()}gateway:
  routes:
    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${anthropic.url}/v1", api_key_secret: anthropic }
    - { model_pattern: "gpt-*", provider: openai, endpoint: "${openai.url}/v1", api_key_secret: openai }
`,
      env: { ANTHROPIC_API_KEY: 'fuzz-anthropic-key', OPENAI_API_KEY: 'fuzz-openai-key' },
    });
    const user = await createUser(t, { role: 'user' });
    const unscoped = await createUser(t, { role: 'user' }, ['analytics:read']);
    // Mostly a caller who may invoke the gateway, so inputs reach validation and the converters.
    tokens = [t.adminToken, user.token, user.token, user.token, user.token, user.token, user.token, unscoped.token];
  }, 120_000);

  afterAll(async () => {
    rejections.stop();
    reportTally('gateway', tally);
    await t?.close();
    await Promise.all([anthropic?.close(), openai?.close()]);
  });

  /** The caller's credential in `Authorization`, or (as Anthropic SDKs send it) in `x-api-key`. */
  function credential(): fc.Arbitrary<Record<string, Maybe<string>>> {
    return fc.oneof(
      { weight: 5, arbitrary: authorization(tokens).map((auth): Record<string, Maybe<string>> => ({ authorization: auth as Maybe<string> })) },
      { weight: 1, arbitrary: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: headerValue }).map((key): Record<string, Maybe<string>> => ({ 'x-api-key': key })) },
    );
  }

  /** The headers Anthropic and OpenAI SDKs send, sometimes missing or odd. */
  const sdkHeaders = fc.record({
    'anthropic-version': fc.oneof({ weight: 4, arbitrary: fc.constant('2023-06-01') }, { weight: 1, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: headerValue }),
    'anthropic-beta': fc.oneof({ weight: 4, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: fc.constantFrom('prompt-caching-2024-07-31', 'interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14') }, { weight: 1, arbitrary: headerValue }),
    'openai-organization': fc.oneof({ weight: 6, arbitrary: fc.constant<typeof DROP>(DROP) }, { weight: 1, arbitrary: headerValue }),
  });

  /** Claude Code calls `/v1/messages?beta=true`; other clients add their own parameters. */
  const query = extraQuery({ beta: fc.constantFrom('true', 'false', ''), stream: fc.constantFrom('true', '1'), model: fc.constantFrom('claude-fuzz-1', 'gpt-fuzz-1') });

  function requests(url: string, body: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> {
    const headers = fc.tuple(credential(), sdkHeaders, oddHeaders).map(([cred, sdk, odd]): Record<string, Maybe<string>> => ({ ...odd, ...sdk, ...cred }));
    return fc
      .tuple(headers, query, encodedBody(fc.oneof({ weight: 8, arbitrary: body }, { weight: 1, arbitrary: randomJson })))
      .map(([h, q, b]) => withBody('POST', withQuery(url, q), h, b));
  }

  it(
    'POST /v1/messages: never a 5xx, always the Anthropic error shape, no stack traces',
    async () => {
      await fuzzFamily(t, { family: 'POST /v1/messages', surface: 'anthropic', requests: requests('/v1/messages', messagesBody), inputs: INPUTS_PER_FAMILY }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it(
    'POST /v1/chat/completions: never a 5xx, always the Anthropic error shape, no stack traces',
    async () => {
      await fuzzFamily(t, { family: 'POST /v1/chat/completions', surface: 'anthropic', requests: requests('/v1/chat/completions', chatBody), inputs: INPUTS_PER_FAMILY }, tally);
    },
    FAMILY_TIMEOUT_MS,
  );

  it('the upstreams stayed healthy, nothing was left unhandled, and the gateway still answers', async () => {
    expect(anthropic.failures).toBe(0);
    expect(openai.failures).toBe(0);
    expect(anthropic.requests.length + openai.requests.length).toBeGreaterThan(0);
    expect(rejections.errors).toEqual([]);
    await expectHealthy(t);
    const ok = await t.inject({ method: 'POST', url: '/v1/messages', headers: bearer(t.adminToken), payload: { model: 'claude-fuzz-1', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] } });
    expect(ok.statusCode).toBe(200);
  });
});
