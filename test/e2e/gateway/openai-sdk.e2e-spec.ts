import OpenAI from 'openai';
import { createUser } from '../../factories/user.factory';
import { startGatewayFixture, type GatewayFixture } from './gateway-fixture';

const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

describe('gateway /v1/chat/completions with the OpenAI SDK (e2e)', () => {
  let f: GatewayFixture;
  let client: OpenAI;

  beforeAll(async () => {
    f = await startGatewayFixture();
    client = new OpenAI({ baseURL: `${f.t.url}/v1`, apiKey: (await createUser(f.t)).token, maxRetries: 0 });
  });
  afterAll(async () => {
    await f.close();
  });

  it('over an Anthropic route, non-streaming: text, finish_reason and usage', async () => {
    const res = await client.chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    expect(res.choices[0]!.message.content).toBe('Hello from claude-sonnet-4-5');
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.usage).toMatchObject({ prompt_tokens: 33, completion_tokens: 12, total_tokens: 45 });
    const sent = f.anthropic.requests.at(-1)!.json as { system: unknown; max_tokens: number };
    expect(sent.system).toBe('Be brief.');
    expect(sent.max_tokens).toBe(4096);
  });

  it('over an Anthropic route, non-streaming tool call', async () => {
    const res = await client.chat.completions.create({ model: 'claude-sonnet-4-5', tools, messages: [{ role: 'user', content: 'weather in Paris?' }] });
    expect(res.choices[0]!.finish_reason).toBe('tool_calls');
    expect(res.choices[0]!.message.tool_calls).toEqual([{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' } }]);
  });

  it('over an Anthropic route, streaming: text and tool call arguments reassemble, usage chunk last', async () => {
    const stream = await client.chat.completions.create({ model: 'claude-sonnet-4-5', tools, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'weather in Paris?' }] });
    let text = '';
    let args = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) text += choice.delta.content;
      for (const call of choice?.delta.tool_calls ?? []) args += call.function?.arguments ?? '';
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello stream');
    expect(JSON.parse(args)).toEqual({ city: 'Paris', unit: 'c' });
    expect(finish).toBe('tool_calls');
    expect(usage).toMatchObject({ completion_tokens: 12 });
  });

  it('over an OpenAI route, streaming parallel tool calls', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', tools, stream: true, messages: [{ role: 'user', content: 'weather in Paris and Rome' }] });
    const calls = new Map<number, { id?: string; args: string }>();
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { args: '' };
        if (call.id) entry.id = call.id;
        entry.args += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
    }
    expect([...calls.values()].map((c) => ({ id: c.id, input: JSON.parse(c.args) }))).toEqual([
      { id: 'call_a', input: { city: 'Paris' } },
      { id: 'call_b', input: { city: 'Rome' } },
    ]);
  });

  it('errors keep the contract shape, which the OpenAI SDK reads', async () => {
    const err = await client.chat.completions.create({ model: 'llama-3', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as Error).message).toContain("no gateway route matches 'llama-3'");
    const bad = await client.chat.completions.create({ model: 'claude-x', n: 2, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
