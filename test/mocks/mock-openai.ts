import { json, lastUserText, sse, startMockServer } from './mock-server';

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-mock' };

/** An OpenAI Chat Completions double: text, parallel tool calls split across chunks, usage. */
export function startMockOpenAi() {
  return startMockServer(async (req, res) => {
    const body = req.json as { model: string; stream?: boolean };
    const text = lastUserText(body);
    if (text.includes('overloaded')) return json(res, 503, { error: { message: 'try later', type: 'server_error' } });
    const tools = text.includes('weather');
    const usage = { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39, prompt_tokens_details: { cached_tokens: 10 } };
    if (!body.stream) {
      const message = tools
        ? { role: 'assistant', content: null, tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ] }
        : { role: 'assistant', content: `Hello from ${body.model}` };
      return json(res, 200, { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: body.model, choices: [{ index: 0, message, finish_reason: tools ? 'tool_calls' : 'stop' }], usage });
    }
    const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
    if (tools) {
      chunks.push(
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: 'ty":"Rome"}' } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      );
    } else {
      chunks.push(
        { ...base, choices: [{ index: 0, delta: { content: 'Hello ' }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: { content: 'stream' }, finish_reason: null }] },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'length' }] },
      );
    }
    chunks.push({ ...base, choices: [], usage });
    await sse(res, [...chunks.map((data) => ({ data })), { data: '[DONE]' }]);
  });
}
