import type { ServerResponse } from 'node:http';
import { json, lastUserText, type RecordedRequest, sse, startMockServer } from './mock-server';

const usage = { input_tokens: 25, output_tokens: 12, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 };

/** An Anthropic Messages API double: text, tool use, thinking, errors, resets, slow streams. */
export function startMockAnthropic() {
  return startMockServer((req, res) => handle(req, res));
}

async function handle(req: RecordedRequest, res: ServerResponse): Promise<void> {
  if (req.url.endsWith('/messages/count_tokens')) return json(res, 200, { input_tokens: 42 });
  const body = req.json as { model: string; stream?: boolean };
  const text = lastUserText(body);
  if (text.includes('overloaded') || body.model.includes('overloaded')) return json(res, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  if (text.includes('bad request')) return json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'messages.0: upstream says no' } });
  const wantsTool = text.includes('weather');
  if (!body.stream) {
    const content = wantsTool
      ? [{ type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris', unit: 'c' } }]
      : [{ type: 'text', text: `Hello from ${body.model}` }];
    return json(res, 200, { id: 'msg_01', type: 'message', role: 'assistant', model: body.model, content, stop_reason: wantsTool ? 'tool_use' : 'end_turn', stop_sequence: null, usage }, { 'request-id': 'req_mock_1' });
  }
  const start = { type: 'message_start', message: { id: 'msg_02', type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } };
  const events: { event: string; data: unknown }[] = [{ event: 'message_start', data: start }, { event: 'ping', data: { type: 'ping' } }];
  events.push(
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Considering…' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-abc' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hello ' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'stream' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
  );
  if (wantsTool) {
    events.push(
      { event: 'content_block_start', data: { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: {} } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city": "Par' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'is", "unit": "c"}' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 2 } },
    );
  }
  events.push({ event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: wantsTool ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 12 } } });
  if (text.includes('reset')) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`event: message_start\ndata: ${JSON.stringify(start)}\n\n`);
    setTimeout(() => res.destroy(), 20);
    return;
  }
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  await sse(res, events, text.includes('slow') ? 300 : 0);
}
