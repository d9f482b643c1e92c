import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromOpenAiRequest } from '../../inbound/openai/from-openai-request';
import { AnthropicToOpenAiStream } from '../../inbound/openai/to-openai-stream';
import { toOpenAiResponse } from '../../inbound/openai/to-openai-response';
import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import type { AnthropicContentBlock, AnthropicMessageParam, AnthropicStopReason, AnthropicToolUseBlock } from '../../anthropic/anthropic.types';
import { fromOpenAiResponse } from './from-openai-response';
import { OpenAiToAnthropicStream } from './from-openai-stream';
import { toOpenAiRequest } from './to-openai-request';
import type { OpenAiChatChunk, OpenAiChatCompletion, OpenAiChatMessage, OpenAiFinishReason, OpenAiToolCall, OpenAiUsage } from './openai.types';

/**
 * Properties of the Anthropic ⇄ OpenAI converters read from the OpenAI side of the wire: what an
 * OpenAI upstream receives (tool calls by id, name and arguments), what the client gets back from
 * an OpenAI answer (tool calls, usage, stop reason), and the `/v1/chat/completions` path over an
 * OpenAI route (OpenAI → Anthropic → OpenAI), buffered and streamed. `openai-round-trip.spec.ts`
 * checks the trips that start from Anthropic.
 */

/** Through JSON and back: JSON has no -0 and no undefined, and neither does the wire. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const toolInput = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }).map(viaJson);
const toolId = fc.oneof(fc.stringMatching(/^(call|toolu)_[A-Za-z0-9]{1,24}$/), fc.string({ minLength: 1, maxLength: 20 }));
const toolName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/);
const text = fc.string({ minLength: 1, maxLength: 30 });
const count = fc.nat({ max: 2_000_000 });

/**
 * Tool arguments as models write them: compact or indented JSON objects, and the botched kind
 * (empty, whitespace, arrays, scalars, truncated objects, prose) that is carried verbatim.
 */
const argumentsText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(toolInput, fc.constantFrom(0, 2)).map(([input, indent]) => JSON.stringify(input, null, indent)) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '[1,2]', '"x"', '42', 'null', '{"broken', 'not json', '{"a":1} trailing') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** What the client-facing side gives back for upstream arguments `raw`: the object re-serialised, or `raw` verbatim. */
function argumentsAfterTrip(raw: string): string {
  if (raw.trim() === '') return '{}';
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return JSON.stringify(parsed);
  } catch {
    // not JSON: verbatim
  }
  return raw;
}

/** The Anthropic tool input for upstream arguments `raw` (`_raw_arguments` keeps what is not an object). */
function inputOf(raw: string): Record<string, unknown> {
  const after = argumentsAfterTrip(raw);
  return after === raw && !isObjectJson(raw) ? { _raw_arguments: raw } : (JSON.parse(after) as Record<string, unknown>);
}

function isObjectJson(raw: string): boolean {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Ids are unique within a turn, as every provider makes them. */
const toolCalls = (max: number) =>
  fc.uniqueArray(fc.record({ id: toolId, name: toolName, arguments: argumentsText }), { maxLength: max, selector: (c) => c.id }).map((calls) =>
    calls.map((c): OpenAiToolCall => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
  );

const FINISH_REASONS: Array<OpenAiFinishReason | null> = ['stop', 'length', 'tool_calls', 'content_filter', 'function_call', null];
/** OpenAI finish_reason → Anthropic stop_reason, as documented in openai-stop-reason.ts. */
function expectedStopReason(finish: OpenAiFinishReason | null, hasToolCalls: boolean): AnthropicStopReason {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'tool_calls' || finish === 'function_call') return 'tool_use';
  if (finish === 'content_filter') return 'refusal';
  return finish === 'stop' && hasToolCalls ? 'tool_use' : 'end_turn';
}
const FINISH_AFTER_TRIP: Record<AnthropicStopReason, OpenAiFinishReason> = { end_turn: 'stop', max_tokens: 'length', tool_use: 'tool_calls', refusal: 'content_filter', stop_sequence: 'stop', pause_turn: 'stop' };

const usage: fc.Arbitrary<OpenAiUsage> = fc.record({ uncached: count, cached: count, completion: count }).map(({ uncached, cached, completion }) => ({
  prompt_tokens: uncached + cached,
  completion_tokens: completion,
  total_tokens: uncached + cached + completion,
  prompt_tokens_details: { cached_tokens: cached },
}));

const completion: fc.Arbitrary<OpenAiChatCompletion> = fc
  .record({ id: fc.stringMatching(/^chatcmpl-[A-Za-z0-9]{1,20}$/), content: fc.option(text, { nil: null }), calls: toolCalls(4), finish: fc.constantFrom(...FINISH_REASONS), usage })
  .map(({ id, content, calls, finish, usage: u }) => ({
    id,
    object: 'chat.completion',
    created: 1,
    model: 'gpt-up',
    choices: [{ index: 0, message: { role: 'assistant', content, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, finish_reason: finish, logprobs: null }],
    usage: u,
  }));

describe('Anthropic request → OpenAI request (what an OpenAI upstream receives)', () => {
  /** A conversation of tool-using exchanges: question, assistant tool calls, the user's results. */
  const exchange = fc.record({
    question: text,
    preamble: fc.option(text, { nil: undefined }),
    calls: fc.array(fc.record({ name: toolName, input: toolInput, result: fc.string({ maxLength: 20 }), isError: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  });

  it('every tool_use arrives as a tool call with its id, name and input, each result as a tool message right after it', () => {
    fc.assert(
      fc.property(fc.array(exchange, { minLength: 1, maxLength: 3 }), fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 3 }), (exchanges, stops) => {
        let n = 0;
        const messages: AnthropicMessageParam[] = exchanges.flatMap(({ question, preamble, calls }) => {
          const uses: AnthropicToolUseBlock[] = calls.map((c) => ({ type: 'tool_use', id: `toolu_${n++}`, name: c.name, input: c.input }));
          const results: AnthropicContentBlock[] = calls.map((c, i) => ({ type: 'tool_result', tool_use_id: uses[i]!.id, content: c.result, is_error: c.isError }));
          return [
            { role: 'user', content: question },
            { role: 'assistant', content: [...(preamble !== undefined ? [{ type: 'text' as const, text: preamble }] : []), ...uses] },
            { role: 'user', content: results },
          ];
        });
        const out = toOpenAiRequest({ model: 'm', max_tokens: 10, messages, stop_sequences: stops });

        const assistants = out.messages.filter((m) => m.role === 'assistant');
        expect(assistants).toHaveLength(exchanges.length);
        exchanges.forEach(({ preamble, calls }, e) => {
          const sent = assistants[e]!;
          expect(sent.content).toBe(preamble ?? null);
          const ids = messages[3 * e + 1]!.content as AnthropicToolUseBlock[];
          expect(sent.tool_calls?.map((c) => ({ id: c.id, type: c.type, name: c.function.name, input: JSON.parse(c.function.arguments) as unknown }))).toEqual(
            calls.map((c, i) => ({ id: ids.filter((b) => b.type === 'tool_use')[i]!.id, type: 'function', name: c.name, input: c.input })),
          );
          // OpenAI wants each tool message right after the assistant message that called it.
          const at = out.messages.indexOf(sent);
          const following = out.messages.slice(at + 1, at + 1 + calls.length);
          expect(following).toEqual(sent.tool_calls!.map((c, i) => ({ role: 'tool', tool_call_id: c.id, content: `${calls[i]!.isError ? 'Error: ' : ''}${calls[i]!.result}` })));
        });
        if (stops.length > 0) expect(out.stop).toEqual(stops);
        else expect(out).not.toHaveProperty('stop');
      }),
    );
  });
});

describe('the in-band marker of arguments that are not a JSON object (a known limit, docs/security.md)', () => {
  it('a tool input that is exactly {_raw_arguments: text} is sent to an OpenAI upstream as the bare text', () => {
    const out = toOpenAiRequest({ model: 'm', max_tokens: 1, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { _raw_arguments: 'ls' } }] }] });
    expect(out.messages[0]).toMatchObject({ tool_calls: [{ function: { arguments: 'ls' } }] });
  });
});

describe('OpenAI request → Anthropic request → OpenAI request (/v1/chat/completions over an OpenAI route)', () => {
  const turn = fc.record({ question: text, answer: fc.option(text, { nil: null }), calls: toolCalls(3), results: fc.array(fc.string({ maxLength: 20 }), { minLength: 3, maxLength: 3 }), followUp: fc.option(text, { nil: undefined }) });

  it('keeps tool call ids, names and arguments, and tool results by tool_call_id', () => {
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 3 }), fc.option(text, { nil: undefined }), (turns, system) => {
        const messages: OpenAiChatMessage[] = [...(system !== undefined ? [{ role: 'system' as const, content: system }] : [])];
        const expected: OpenAiChatMessage[] = [...messages];
        // Ids are unique across the conversation, as each call is answered once.
        turns.forEach(({ question, answer, calls, results, followUp }, t) => {
          const own = calls.map((c, i) => ({ ...c, id: `${t}.${i}.${c.id}` }));
          messages.push({ role: 'user', content: question });
          expected.push({ role: 'user', content: question });
          if (own.length === 0 && answer === null) return;
          messages.push({ role: 'assistant', content: answer, ...(own.length > 0 ? { tool_calls: own } : {}) });
          expected.push(
            own.length > 0
              ? { role: 'assistant', content: answer, tool_calls: own.map((c) => ({ ...c, function: { name: c.function.name, arguments: argumentsAfterTrip(c.function.arguments) } })) }
              : { role: 'assistant', content: answer! },
          );
          for (const [i, call] of own.entries()) {
            messages.push({ role: 'tool', tool_call_id: call.id, content: results[i]! });
            expected.push({ role: 'tool', tool_call_id: call.id, content: results[i]! });
          }
          if (followUp !== undefined) {
            messages.push({ role: 'user', content: followUp });
            expected.push({ role: 'user', content: followUp });
          }
        });
        const back = toOpenAiRequest(fromOpenAiRequest({ model: 'gpt-up', messages, max_tokens: 64 }));
        expect(back.messages).toEqual(expected);
      }),
    );
  });
});

describe('OpenAI response → Anthropic response (what the client gets from an OpenAI upstream)', () => {
  it('keeps text, tool calls (id, name, arguments), stop reason and usage', () => {
    fc.assert(
      fc.property(completion, (response) => {
        const { message, finish_reason: finish } = response.choices[0]!;
        const calls = message.tool_calls ?? [];
        const out = fromOpenAiResponse(response);
        const content = message.content ?? '';
        const uses = calls.map((c) => ({ type: 'tool_use', id: c.id, name: c.function.name, input: inputOf(c.function.arguments) }));
        expect(out.content).toEqual(content !== '' || calls.length === 0 ? [{ type: 'text', text: content }, ...uses] : uses);
        expect(out.stop_reason).toBe(expectedStopReason(finish, calls.length > 0));
        const u = response.usage!;
        const cached = u.prompt_tokens_details!.cached_tokens!;
        expect(out.usage).toEqual({ input_tokens: u.prompt_tokens - cached, output_tokens: u.completion_tokens, cache_read_input_tokens: cached, cache_creation_input_tokens: 0 });
        expect(out.id).toBe(response.id);
      }),
    );
  });

  it('a refusal is shown as text with stop_reason refusal, whatever the finish reason', () => {
    fc.assert(
      fc.property(completion, text, (response, refusal) => {
        const refused = { ...response, choices: [{ ...response.choices[0]!, message: { ...response.choices[0]!.message, refusal } }] };
        const out = fromOpenAiResponse(refused);
        expect(out.stop_reason).toBe('refusal');
        expect(out.content[0]).toEqual({ type: 'text', text: `${response.choices[0]!.message.content ?? ''}${refusal}` });
      }),
    );
  });
});

/** The buffered client answer: the original with tool arguments and stop reason as they survive. */
function expectedAfterTrip(response: OpenAiChatCompletion): { content: string; toolCalls: OpenAiToolCall[]; finish: OpenAiFinishReason; usage: OpenAiUsage } {
  const { message, finish_reason: finish } = response.choices[0]!;
  const calls = message.tool_calls ?? [];
  return {
    content: message.content ?? '',
    toolCalls: calls.map((c) => ({ ...c, function: { name: c.function.name, arguments: argumentsAfterTrip(c.function.arguments) } })),
    finish: FINISH_AFTER_TRIP[expectedStopReason(finish, calls.length > 0)],
    usage: response.usage!,
  };
}

describe('OpenAI response → Anthropic → OpenAI response (/v1/chat/completions over an OpenAI route)', () => {
  it('buffered: tool calls, finish reason and usage survive', () => {
    fc.assert(
      fc.property(completion, (response) => {
        const back = toOpenAiResponse(fromOpenAiResponse(response), { created: 1 });
        const { message, finish_reason } = back.choices[0]!;
        expect({ content: message.content ?? '', toolCalls: message.tool_calls ?? [], finish: finish_reason, usage: back.usage }).toEqual(expectedAfterTrip(response));
        expect(back.id).toBe(response.id);
      }),
    );
  });

  /** The upstream's stream for `response`: role, content pieces, each call's arguments in pieces, finish, usage. */
  function upstreamChunks(response: OpenAiChatCompletion, cuts: number[]): OpenAiChatChunk[] {
    const { message, finish_reason } = response.choices[0]!;
    const base = { id: response.id, object: 'chat.completion.chunk' as const, created: 1, model: response.model };
    const delta = (d: OpenAiChatChunk['choices'][0]['delta']): OpenAiChatChunk => ({ ...base, choices: [{ index: 0, delta: d, finish_reason: null }] });
    const pieces = (s: string) => {
      const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
      return [...points, s.length].map((p, i, all) => s.slice(i === 0 ? 0 : all[i - 1], p));
    };
    return [
      delta({ role: 'assistant', content: '' }),
      ...pieces(message.content ?? '').map((content) => delta({ content })),
      ...(message.tool_calls ?? []).flatMap((call, index) => {
        const [first = '', ...rest] = pieces(call.function.arguments);
        return [delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: first } }] }), ...rest.map((args) => delta({ tool_calls: [{ index, function: { arguments: args } }] }))];
      }),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason }] },
      { ...base, choices: [], usage: response.usage },
    ];
  }

  /** Folds client chunks as an OpenAI SDK does: content and each call's arguments concatenated by index. */
  function fold(chunks: OpenAiChatChunk[]) {
    let content = '';
    let finish: OpenAiFinishReason | null = null;
    let folded: OpenAiUsage | null | undefined;
    const calls: OpenAiToolCall[] = [];
    for (const chunk of chunks) {
      if (chunk.usage) folded = chunk.usage;
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? '';
        if (choice.finish_reason) finish = choice.finish_reason;
        for (const d of choice.delta.tool_calls ?? []) {
          calls[d.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
          const call = calls[d.index]!;
          if (d.id) call.id = d.id;
          if (d.function?.name) call.function.name = d.function.name;
          call.function.arguments += d.function?.arguments ?? '';
        }
      }
    }
    return { content, toolCalls: calls, finish, usage: folded };
  }

  it('streamed, in any fragmenting: the client folds the same answer, and the Anthropic leg matches the buffered one', () => {
    fc.assert(
      fc.property(completion, fc.array(fc.nat(), { maxLength: 6 }), (response, cuts) => {
        const toAnthropic = new OpenAiToAnthropicStream({ model: 'gpt-up' });
        const events = [...upstreamChunks(response, cuts).flatMap((c) => toAnthropic.push(c)), ...toAnthropic.finish()];
        const anthropic = new AnthropicMessageAccumulator().pushAll(events);
        expect(anthropic.isComplete).toBe(true);
        const buffered = fromOpenAiResponse(response);
        // A stream has no empty text block.
        const blocks = buffered.content.filter((b) => b.type !== 'text' || b.text !== '');
        expect({ id: anthropic.message.id, content: anthropic.message.content, stop_reason: anthropic.message.stop_reason, usage: anthropic.message.usage }).toEqual({ id: buffered.id, content: blocks, stop_reason: buffered.stop_reason, usage: buffered.usage });

        // Streamed arguments are relayed fragment by fragment, so the client folds the upstream's exact text.
        const toClient = new AnthropicToOpenAiStream({ created: 1, includeUsage: true });
        expect(fold(events.flatMap((e) => toClient.push(e)))).toEqual({ ...expectedAfterTrip(response), toolCalls: response.choices[0]!.message.tool_calls ?? [] });
      }),
    );
  });
});
