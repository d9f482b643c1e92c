import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import { formatSse } from '../../streaming/sse-format';
import type { AnthropicStreamEvent } from '../../anthropic/anthropic.types';
import { OpenAiToAnthropicStream } from './from-openai-stream';
import type { OpenAiChatChunk, OpenAiToolCallDelta } from './openai.types';

const chunk = (deltas: OpenAiToolCallDelta[], content?: string): OpenAiChatChunk => ({
  id: 'chatcmpl-p',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt',
  choices: [{ index: 0, delta: { ...(content !== undefined ? { content } : {}), ...(deltas.length > 0 ? { tool_calls: deltas } : {}) }, finish_reason: null }],
});

/** A JSON object text as a model writes it: compact or indented, never trailing whitespace. */
const argumentsText = fc
  .tuple(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), fc.constantFrom(0, 2))
  .map(([value, indent]) => JSON.stringify(value, null, indent));

/** Cuts a string into fragments at arbitrary code-unit positions (fragments may be empty). */
function fragments(text: string, cuts: number[]): string[] {
  const points = cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of [...points, text.length]) {
    out.push(text.slice(at, p));
    at = p;
  }
  return out;
}

const toolCalls = fc.array(fc.tuple(argumentsText, fc.array(fc.nat(), { maxLength: 12 })), { minLength: 1, maxLength: 4 });

function runAll(chunks: OpenAiChatChunk[]): AnthropicStreamEvent[] {
  const stream = new OpenAiToAnthropicStream({ model: 'claude-alias' });
  const events = chunks.flatMap((c) => stream.push(c));
  events.push(...stream.push({ ...chunk([]), choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }));
  return [...events, ...stream.finish()];
}

describe('OpenAiToAnthropicStream properties', () => {
  it('reassembles every parallel tool call to exactly the upstream JSON, whatever the split and interleaving', () => {
    fc.assert(
      fc.property(toolCalls, fc.array(fc.nat(), { maxLength: 60 }), fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (calls, picks, lead) => {
        const queues = calls.map(([args, cuts], index) => fragments(args, cuts).map((f, n) => ({ index, f, first: n === 0 })));
        const deltas: OpenAiToolCallDelta[] = [];
        let pick = 0;
        while (queues.some((q) => q.length > 0)) {
          const open = queues.filter((q) => q.length > 0);
          const next = open[(picks[pick++] ?? 0) % open.length].shift()!;
          deltas.push(next.first ? { index: next.index, id: `call_${next.index}`, type: 'function', function: { name: `fn_${next.index}`, arguments: next.f } } : { index: next.index, function: { arguments: next.f } });
        }
        const appearance = [...new Set(deltas.map((d) => d.index))];
        const chunks = [...(lead !== undefined ? [chunk([], lead)] : []), ...deltas.map((d) => chunk([d]))];

        const acc = new AnthropicMessageAccumulator().pushAll(runAll(chunks));
        expect(acc.isComplete).toBe(true);
        const offset = lead !== undefined ? 1 : 0;
        if (lead !== undefined) expect(acc.message.content[0]).toEqual({ type: 'text', text: lead });
        expect(acc.message.content.slice(offset).map((b) => (b.type === 'tool_use' ? b.id : b.type))).toEqual(appearance.map((i) => `call_${i}`));
        appearance.forEach((toolIndex, n) => {
          expect(acc.inputJsonOf(n + offset)).toBe(calls[toolIndex][0]);
          expect(acc.message.content[n + offset]).toEqual({ type: 'tool_use', id: `call_${toolIndex}`, name: `fn_${toolIndex}`, input: JSON.parse(calls[toolIndex][0]) });
        });
        expect(acc.message.stop_reason).toBe('tool_use');
      }),
    );
  });

  it('streams a sequential tool call live: every fragment is emitted by the push that brought it', () => {
    fc.assert(
      fc.property(argumentsText, fc.array(fc.nat(), { maxLength: 12 }), (args, cuts) => {
        const stream = new OpenAiToAnthropicStream({ model: 'm' });
        stream.push(chunk([{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }]));
        for (const f of fragments(args, cuts)) {
          const out = stream.push(chunk([{ index: 0, function: { arguments: f } }]));
          expect(out).toEqual(f === '' ? [] : [{ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: f } }]);
        }
      }),
    );
  });
});

describe('OpenAiToAnthropicStream read by the official Anthropic SDK', () => {
  it('yields the same final message through the SDK stream accumulator', async () => {
    const chunks = [
      chunk([], 'Let me look.'),
      chunk([{ index: 0, id: 'call_a', type: 'function', function: { name: 'read', arguments: '{"path":' } }]),
      chunk([{ index: 1, id: 'call_b', type: 'function', function: { name: 'grep', arguments: '{"q":"x"}' } }]),
      chunk([{ index: 0, function: { arguments: '"src/a.ts"}' } }]),
    ];
    const events = runAll(chunks);
    const body = events.map((e) => formatSse(e.type, e)).join('');
    const client = new Anthropic({
      apiKey: 'test',
      maxRetries: 0,
      fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    });
    const viaSdk = await client.messages.stream({ model: 'claude-alias', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    const ours = new AnthropicMessageAccumulator().pushAll(events).message;
    expect(viaSdk).toMatchObject(ours);
    expect(viaSdk.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'call_a', name: 'read', input: { path: 'src/a.ts' } },
      { type: 'tool_use', id: 'call_b', name: 'grep', input: { q: 'x' } },
    ]);
  });
});
