import Anthropic from '@anthropic-ai/sdk';
import { DataSource } from 'typeorm';
import { createUser } from '../../factories/user.factory';
import { startGatewayFixture, type GatewayFixture, UPSTREAM_KEYS } from './gateway-fixture';

const weatherTool = { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };

describe('gateway with the Anthropic SDK (e2e)', () => {
  let f: GatewayFixture;
  let client: Anthropic;
  let token: string;

  beforeAll(async () => {
    f = await startGatewayFixture();
    token = (await createUser(f.t)).token;
    client = new Anthropic({ baseURL: f.t.url, apiKey: token, maxRetries: 0 });
  });
  afterAll(async () => {
    await f.close();
  });

  describe('Anthropic upstream (passthrough)', () => {
    it('non-streaming: same message back, upstream key swapped in, caller credential removed', async () => {
      const message = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.content).toEqual([{ type: 'text', text: 'Hello from claude-sonnet-4-5' }]);
      expect(message.usage).toMatchObject({ input_tokens: 25, output_tokens: 12, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 });
      const seen = f.anthropic.requests.at(-1)!;
      expect(seen.url).toBe('/v1/messages');
      expect(seen.headers['x-api-key']).toBe(UPSTREAM_KEYS.anthropic);
      expect(seen.headers.authorization).toBeUndefined();
      expect(JSON.stringify(seen.headers)).not.toContain(token);
      expect(seen.headers['anthropic-version']).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    });

    it('forwards the raw request bytes unchanged and passes anthropic-beta through', async () => {
      const raw = '{"model":"claude-haiku-4",   "max_tokens": 5,\n "messages":[{"role":"user","content":"spacing é"}], "unknown_future_field": {"x": 1}}';
      const res = await fetch(`${f.t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json', 'anthropic-beta': 'prompt-caching-2024-07-31' }, body: raw });
      expect(res.status).toBe(200);
      const seen = f.anthropic.requests.at(-1)!;
      expect(seen.body.toString('utf8')).toBe(raw);
      expect(seen.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
      expect(seen.headers['anthropic-version']).toBe('2023-06-01');
      expect(res.headers.get('request-id')).toBe('req_mock_1');
    });

    it('renames the model and adds extra headers when the route says so', async () => {
      const message = await client.messages.create({ model: 'renamed-x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.content[0]).toEqual({ type: 'text', text: 'Hello from claude-upstream-name' });
      const seen = f.anthropic.requests.at(-1)!;
      expect((seen.json as { model: string }).model).toBe('claude-upstream-name');
      expect(seen.headers['x-extra']).toBe('yes');
    });

    it('streaming: every event arrives, thinking + text + tool input survive, usage and stop_reason exact', async () => {
      const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, tools: [weatherTool], messages: [{ role: 'user', content: 'weather in Paris?' }] });
      const message = await stream.finalMessage();
      expect(message.content).toEqual([
        { type: 'thinking', thinking: 'Considering…', signature: 'sig-abc' },
        { type: 'text', text: 'Hello stream' },
        { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
      ]);
      expect(message.stop_reason).toBe('tool_use');
      expect(message.usage).toMatchObject({ input_tokens: 25, output_tokens: 12, cache_read_input_tokens: 5 });
    });
  });

  describe('OpenAI-compatible upstream (converted)', () => {
    it('non-streaming: parallel tool calls become tool_use blocks with parsed inputs; usage mapped', async () => {
      const message = await client.messages.create({ model: 'gpt-4o', max_tokens: 50, tools: [weatherTool], messages: [{ role: 'user', content: 'weather in Paris and Rome' }] });
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toEqual([
        { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_b', name: 'get_weather', input: { city: 'Rome' } },
      ]);
      expect(message.usage).toMatchObject({ input_tokens: 20, output_tokens: 9, cache_read_input_tokens: 10 });
      const seen = f.openai.requests.at(-1)!;
      expect(seen.headers.authorization).toBe(`Bearer ${UPSTREAM_KEYS.openai}`);
      expect((seen.json as { tools: unknown[] }).tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: weatherTool.input_schema } }]);
    });

    it('streaming: interleaved argument fragments of two tool calls reassemble exactly', async () => {
      const message = await client.messages.stream({ model: 'gpt-4o', max_tokens: 50, tools: [weatherTool], messages: [{ role: 'user', content: 'weather in Paris and Rome' }] }).finalMessage();
      expect(message.content).toEqual([
        { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_b', name: 'get_weather', input: { city: 'Rome' } },
      ]);
      expect(message.stop_reason).toBe('tool_use');
      expect(message.usage).toMatchObject({ input_tokens: 20, output_tokens: 9, cache_read_input_tokens: 10 });
      expect((f.openai.requests.at(-1)!.json as { stream_options: unknown }).stream_options).toEqual({ include_usage: true });
    });

    it('streaming text with finish_reason length → max_tokens', async () => {
      const message = await client.messages.stream({ model: 'gpt-4o', max_tokens: 2, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
      expect(message.content).toEqual([{ type: 'text', text: 'Hello stream' }]);
      expect(message.stop_reason).toBe('max_tokens');
    });
  });

  describe('Gemini upstream (converted)', () => {
    it('non-streaming and streaming function calls', async () => {
      const plain = await client.messages.create({ model: 'gemini-2.5-pro', max_tokens: 50, tools: [weatherTool], messages: [{ role: 'user', content: 'weather?' }] });
      expect(plain.content[0]).toEqual({ type: 'text', text: 'Checking.' });
      expect(plain.content[1]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
      expect(plain.stop_reason).toBe('tool_use');
      expect(plain.usage).toMatchObject({ input_tokens: 16, cache_read_input_tokens: 4, output_tokens: 7 });
      expect(f.gemini.requests.at(-1)!.headers['x-goog-api-key']).toBe(UPSTREAM_KEYS.gemini);
      const streamed = await client.messages.stream({ model: 'gemini-2.5-pro', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
      expect(streamed.content).toEqual([{ type: 'text', text: 'Hello gemini' }]);
      expect(streamed.stop_reason).toBe('end_turn');
      expect(f.gemini.requests.at(-1)!.url).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    });
  });

  describe('errors', () => {
    it('401 without a credential, in the Anthropic shape', async () => {
      const res = await fetch(`${f.t.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'Authentication required: send a bearer token' } });
    });

    it('400 naming the bad fields', async () => {
      const err = await client.messages.create({ model: 'claude-x', messages: [{ role: 'user', content: 'hi' }] } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens must be an integer number') } });
    });

    it('404 not_found_error for a model no route matches', async () => {
      const err = await client.messages.create({ model: 'llama-3', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.NotFoundError);
      expect((err as InstanceType<typeof Anthropic.NotFoundError>).error).toEqual({ type: 'error', error: { type: 'not_found_error', message: "model: no gateway route matches 'llama-3'" } });
    });

    it('an upstream 400 is passed back with its message', async () => {
      const err = await client.messages.create({ model: 'claude-x', max_tokens: 5, messages: [{ role: 'user', content: 'bad request' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err as Error).message).toContain('messages.0: upstream says no');
    });

    it('upstream overload: retried, then 529 overloaded_error', async () => {
      const before = f.anthropic.requests.length;
      const res = await fetch(`${f.t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude-x', max_tokens: 5, messages: [{ role: 'user', content: 'overloaded' }] }) });
      expect(res.status).toBe(529);
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe('overloaded_error');
      expect(f.anthropic.requests.length - before).toBe(3);
    });

    it('fallbacks: a failing route hands over to the next route', async () => {
      const message = await client.messages.create({ model: 'flaky-model', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.content[0]).toEqual({ type: 'text', text: 'Hello from flaky-model' });
    });

    it('a route without its upstream credential answers clearly', async () => {
      const err = await client.messages.create({ model: 'nokey-1', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      expect((err as Error).message).toContain("has no upstream credential configured (secret 'missing_secret')");
    });

    it('upstream reset mid-stream becomes an SSE error event', async () => {
      const res = await fetch(`${f.t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude-x', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'reset please' }] }) });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('event: message_start');
      expect(text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":".*"\}\}/);
    });

    it('client abort aborts the upstream request', async () => {
      const controller = new AbortController();
      const before = f.anthropic.aborted;
      const res = await fetch(`${f.t.url}/v1/messages`, { method: 'POST', signal: controller.signal, headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude-x', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'slow please' }] }) });
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      const deadline = Date.now() + 5000;
      while (f.anthropic.aborted === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(f.anthropic.aborted).toBe(before + 1);
    });
  });

  describe('count_tokens and models', () => {
    it('passes count_tokens through for Anthropic routes and estimates (marked) elsewhere', async () => {
      const exact = await client.messages.countTokens({ model: 'claude-x', messages: [{ role: 'user', content: 'hi' }] });
      expect(exact).toEqual({ input_tokens: 42 });
      const res = await fetch(`${f.t.url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello world, how are you today?' }] }) });
      expect(res.headers.get('x-token-count-estimated')).toBe('true');
      const body = (await res.json()) as { input_tokens: number; estimated: boolean };
      expect(body.estimated).toBe(true);
      expect(body.input_tokens).toBeGreaterThan(5);
      expect(body.input_tokens).toBeLessThan(20);
    });

    it('lists the routes as models', async () => {
      const page = await client.models.list();
      expect(page.data.map((m) => m.id)).toEqual(['flaky-*', 'claude-*', 'renamed-*', 'gpt-*', 'gemini-*', 'nokey-*']);
    });
  });

  describe('recording', () => {
    it('records each request with identity, tokens, cost and latency', async () => {
      const traceId = `trace-rec-${Date.now()}`;
      const res = await fetch(`${f.t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json', 'x-trace-id': traceId }, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }) });
      expect(res.headers.get('x-trace-id')).toBe(traceId);
      const ds = f.t.get<DataSource>(DataSource);
      let rows: Record<string, unknown>[] = [];
      const deadline = Date.now() + 5000;
      while (rows.length === 0 && Date.now() < deadline) {
        rows = await ds.query('SELECT * FROM ai_requests WHERE trace_id = $1', [traceId]);
        if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(rows).toHaveLength(1);
      // 25×3 + 12×15 + 5×0.3 + 3×3.75 = 75 + 180 + 1.5 + 11.25 = 267.75 → 268 µ$
      expect(rows[0]).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'anthropic', route: 'claude', status: 200, input_tokens: 25, output_tokens: 12, cache_read_tokens: 5, cache_write_tokens: 3, cost_microdollars: '268', streamed: false, call_source: 'api', stop_reason: 'end_turn' });
      expect(rows[0]!.user_id).toEqual(expect.any(String));
      expect(Number(rows[0]!.latency_ms)).toBeGreaterThanOrEqual(0);
    });
  });
});
