import type { ServerResponse } from 'node:http';
import { json, type MockServer, type RecordedRequest, sse, startMockServer } from '../../mocks/mock-server';

/**
 * Upstream doubles for fuzzing that answer every request well, whatever the gateway forwards
 * (the regular mocks read fields out of the body and break on odd prompts, which would be an
 * upstream failure, not a gateway one). `failures` counts requests a double could not answer:
 * it must stay 0, so any 5xx the gateway returns during a fuzz run is the gateway's own fault.
 */
export interface HealthyUpstream extends MockServer {
  readonly failures: number;
}

const usage = { input_tokens: 3, output_tokens: 2 };

export function startHealthyAnthropic(): Promise<HealthyUpstream> {
  return guarded((req, res) => {
    if (req.url.endsWith('/messages/count_tokens')) return json(res, 200, { input_tokens: 7 });
    const model = modelOf(req);
    if (!streamed(req)) {
      return json(res, 200, { id: 'msg_fuzz', type: 'message', role: 'assistant', model, content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage });
    }
    return sse(res, [
      { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_fuzz', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage } } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]);
  });
}

export function startHealthyOpenAi(): Promise<HealthyUpstream> {
  return guarded((req, res) => {
    const model = modelOf(req);
    const openAiUsage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
    if (!streamed(req)) {
      return json(res, 200, { id: 'chatcmpl-fuzz', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: openAiUsage });
    }
    const base = { id: 'chatcmpl-fuzz', object: 'chat.completion.chunk', created: 1, model };
    return sse(res, [
      { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: null }] } },
      { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
      { data: { ...base, choices: [], usage: openAiUsage } },
      { data: '[DONE]' },
    ]);
  });
}

async function guarded(handler: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>): Promise<HealthyUpstream> {
  const state = { failures: 0 };
  const server = await startMockServer(async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      state.failures++;
      throw err;
    }
  });
  return Object.defineProperty(server, 'failures', { get: () => state.failures }) as HealthyUpstream;
}

function modelOf(req: RecordedRequest): string {
  const model = (req.json as { model?: unknown } | null)?.model;
  return typeof model === 'string' ? model : 'unknown';
}

function streamed(req: RecordedRequest): boolean {
  return (req.json as { stream?: unknown } | null)?.stream === true;
}
