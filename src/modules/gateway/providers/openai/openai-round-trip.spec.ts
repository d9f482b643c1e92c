import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromOpenAiRequest } from '../../inbound/openai/from-openai-request';
import { AnthropicToOpenAiStream } from '../../inbound/openai/to-openai-stream';
import { toOpenAiResponse } from '../../inbound/openai/to-openai-response';
import { AnthropicEventWriter } from '../../streaming/anthropic-event-writer';
import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicMessageParam,
  AnthropicStopReason,
  AnthropicToolChoice,
  AnthropicToolUseBlock,
  AnthropicUsage,
} from '../../anthropic/anthropic.types';
import { fromOpenAiResponse } from './from-openai-response';
import { OpenAiToAnthropicStream } from './from-openai-stream';
import { finishReasonFromAnthropic, stopReasonFromOpenAi } from './openai-stop-reason';
import { usageFromOpenAi, usageToOpenAi } from './openai-usage';
import { toOpenAiRequest } from './to-openai-request';

const STOP_REASONS: AnthropicStopReason[] = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal'];
/** What survives a trip through OpenAI: it reports no stop sequence and has no paused turn. */
const AFTER_TRIP: Record<AnthropicStopReason, AnthropicStopReason> = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  stop_sequence: 'end_turn',
  tool_use: 'tool_use',
  pause_turn: 'end_turn',
  refusal: 'refusal',
};

const text = fc.string({ minLength: 1, maxLength: 20 });
/** Tool inputs are JSON on the wire: read back through JSON, so no -0 (JSON has none). */
const toolInput = fc
  .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
const toolName = fc.constantFrom('read', 'grep', 'get_weather', 'bash');
const count = fc.nat({ max: 1_000_000 });
const usage: fc.Arbitrary<AnthropicUsage> = fc.record({ input_tokens: count, output_tokens: count, cache_read_input_tokens: count, cache_creation_input_tokens: count });

/** One exchange: a user question, an assistant turn with tool calls, the user's tool results. */
const exchange = fc
  .record({
    question: text,
    preamble: fc.option(text, { nil: undefined }),
    calls: fc.array(fc.record({ name: toolName, input: toolInput, result: fc.string({ maxLength: 20 }) }), { minLength: 1, maxLength: 3 }),
    followUp: fc.option(text, { nil: undefined }),
  });
type Exchange = typeof exchange extends fc.Arbitrary<infer T> ? T : never;

function conversation(exchanges: Exchange[]): AnthropicMessageParam[] {
  let n = 0;
  return exchanges.flatMap(({ question, preamble, calls, followUp }) => {
    const uses: AnthropicToolUseBlock[] = calls.map((c) => ({ type: 'tool_use', id: `toolu_${n++}`, name: c.name, input: c.input }));
    const assistant: AnthropicContentBlock[] = [...(preamble !== undefined ? [{ type: 'text' as const, text: preamble }] : []), ...uses];
    const results: AnthropicContentBlock[] = uses.map((u, i) => ({ type: 'tool_result', tool_use_id: u.id, content: calls[i].result }));
    return [
      { role: 'user' as const, content: question },
      { role: 'assistant' as const, content: assistant },
      { role: 'user' as const, content: [...results, ...(followUp !== undefined ? [{ type: 'text' as const, text: followUp }] : [])] },
    ];
  });
}

/**
 * Same meaning, one spelling: string content as a text block, tool_result content as a string,
 * consecutive turns of one role as one turn (Anthropic reads them so).
 */
function normalise(messages: AnthropicMessageParam[]): Array<{ role: string; blocks: unknown[] }> {
  const out: Array<{ role: string; blocks: unknown[] }> = [];
  for (const m of messages) {
    const blocks = (typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content).map((b) =>
      b.type === 'tool_result' ? { type: 'tool_result', tool_use_id: b.tool_use_id, content: typeof b.content === 'string' ? b.content : '' } : b,
    );
    const last = out.at(-1);
    if (last?.role === m.role) last.blocks.push(...blocks);
    else out.push({ role: m.role, blocks });
  }
  return out;
}

function normaliseChoice(choice: AnthropicToolChoice): AnthropicToolChoice {
  if (choice.type === 'none' || choice.disable_parallel_tool_use !== true) {
    const { disable_parallel_tool_use: _drop, ...rest } = choice as AnthropicToolChoice & { disable_parallel_tool_use?: boolean };
    return rest as AnthropicToolChoice;
  }
  return choice;
}

const toolChoice: fc.Arbitrary<AnthropicToolChoice> = fc.oneof(
  fc.record({ type: fc.constant('auto' as const), disable_parallel_tool_use: fc.boolean() }),
  fc.record({ type: fc.constant('any' as const), disable_parallel_tool_use: fc.boolean() }),
  fc.record({ type: fc.constant('tool' as const), name: toolName, disable_parallel_tool_use: fc.boolean() }),
  fc.constant({ type: 'none' as const }),
);

describe('Anthropic → OpenAI → Anthropic round trips', () => {
  it('a request keeps its turns, tool calls (id, name, input), tool results, tools and tool_choice', () => {
    fc.assert(
      fc.property(fc.array(exchange, { minLength: 1, maxLength: 3 }), toolChoice, fc.integer({ min: 1, max: 64000 }), (exchanges, choice, maxTokens) => {
        const messages = conversation(exchanges);
        const tools = ['read', 'grep', 'get_weather', 'bash'].map((name) => ({ name, description: `${name} tool`, input_schema: { type: 'object', properties: { x: { type: 'string' } } } }));
        const original = { model: 'm', max_tokens: maxTokens, messages, tools, tool_choice: choice };
        const back = fromOpenAiRequest(toOpenAiRequest(original));
        expect(normalise(back.messages)).toEqual(normalise(messages));
        expect(back.tools).toEqual(tools);
        expect(back.tool_choice).toEqual(normaliseChoice(choice));
        expect(back.max_tokens).toBe(maxTokens);
      }),
    );
  });

  it('usage keeps output and cache reads; cache writes fold into input (OpenAI has no such counter)', () => {
    fc.assert(
      fc.property(usage, (u) => {
        expect(usageFromOpenAi(usageToOpenAi(u))).toEqual({
          input_tokens: u.input_tokens + (u.cache_creation_input_tokens ?? 0),
          output_tokens: u.output_tokens,
          cache_read_input_tokens: u.cache_read_input_tokens,
          cache_creation_input_tokens: 0,
        });
      }),
    );
  });

  it('OpenAI usage survives the reverse trip exactly', () => {
    fc.assert(
      fc.property(count, count, count, (uncached, cached, completion) => {
        const openai = { prompt_tokens: uncached + cached, completion_tokens: completion, total_tokens: uncached + cached + completion, prompt_tokens_details: { cached_tokens: cached } };
        expect(usageToOpenAi(usageFromOpenAi(openai))).toEqual(openai);
      }),
    );
  });

  it.each(STOP_REASONS)('stop_reason %s survives as its documented equivalent', (reason) => {
    expect(stopReasonFromOpenAi(finishReasonFromAnthropic(reason), reason === 'tool_use')).toBe(AFTER_TRIP[reason]);
  });

  const responseMessage = fc.record({
    text: fc.option(text, { nil: undefined }),
    calls: fc.array(fc.record({ name: toolName, input: toolInput }), { maxLength: 3 }),
    stop: fc.constantFrom(...STOP_REASONS),
    usage,
  });

  function toMessage({ text: t, calls, stop, usage: u }: typeof responseMessage extends fc.Arbitrary<infer T> ? T : never): AnthropicMessage {
    const content: AnthropicMessage['content'] = [
      ...(t !== undefined || calls.length === 0 ? [{ type: 'text' as const, text: t ?? '' }] : []),
      ...calls.map((c, i) => ({ type: 'tool_use' as const, id: `toolu_${i}`, name: c.name, input: c.input })),
    ];
    return { id: 'msg_rt', type: 'message', role: 'assistant', model: 'm', content, stop_reason: stop, stop_sequence: null, usage: u };
  }

  function expectedAfterTrip(message: AnthropicMessage): Pick<AnthropicMessage, 'content' | 'stop_reason' | 'usage'> {
    const u = message.usage;
    const hasCalls = message.content.some((b) => b.type === 'tool_use');
    // OpenAI's plain `stop` after tool calls is read back as tool_use.
    const stop = hasCalls && AFTER_TRIP[message.stop_reason!] === 'end_turn' ? 'tool_use' : AFTER_TRIP[message.stop_reason!];
    return {
      content: message.content,
      stop_reason: stop,
      usage: { input_tokens: u.input_tokens + (u.cache_creation_input_tokens ?? 0), output_tokens: u.output_tokens, cache_read_input_tokens: u.cache_read_input_tokens, cache_creation_input_tokens: 0 },
    };
  }

  it('a response message keeps text, tool calls, stop reason and usage', () => {
    fc.assert(
      fc.property(responseMessage, (generated) => {
        const message = toMessage(generated);
        const back = fromOpenAiResponse(toOpenAiResponse(message, { created: 1 }));
        expect({ content: back.content, stop_reason: back.stop_reason, usage: back.usage }).toEqual(expectedAfterTrip(message));
        expect(back.id).toBe(message.id);
      }),
    );
  });

  it('a streamed response keeps the same through both stream converters, whatever the fragmenting', () => {
    fc.assert(
      fc.property(responseMessage, fc.array(fc.nat(), { maxLength: 10 }), (generated, cuts) => {
        const message = toMessage(generated);
        const writer = new AnthropicEventWriter();
        writer.start({ id: message.id, model: message.model, usage: { ...message.usage, output_tokens: 0 } });
        for (const block of message.content) {
          if (block.type === 'text') {
            if (block.text === '') continue;
            const at = (cuts[0] ?? 0) % (block.text.length + 1);
            writer.text(block.text.slice(0, at));
            writer.text(block.text.slice(at));
          } else if (block.type === 'tool_use') {
            writer.toolUse(block.id, block.name);
            const json = JSON.stringify(block.input);
            const points = [...cuts.map((c) => c % (json.length + 1)).sort((a, b) => a - b), json.length];
            points.reduce((from, to) => (writer.inputJson(json.slice(from, to)), to), 0);
          }
        }
        writer.end(message.stop_reason!, message.usage);

        const toOpenAi = new AnthropicToOpenAiStream({ created: 1, includeUsage: true });
        const chunks = writer.take().flatMap((e) => toOpenAi.push(e));
        const toAnthropic = new OpenAiToAnthropicStream({ model: 'm' });
        const events = [...chunks.flatMap((c) => toAnthropic.push(c)), ...toAnthropic.finish()];
        const back = new AnthropicMessageAccumulator().pushAll(events).message;
        const expected = expectedAfterTrip(message);
        // A stream has no empty text block: the empty answer comes back as no block at all.
        const content = expected.content.filter((b) => b.type !== 'text' || b.text !== '');
        expect({ content: back.content, stop_reason: back.stop_reason, usage: back.usage }).toEqual({ ...expected, content });
      }),
    );
  });
});
