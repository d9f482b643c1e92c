import { json, startMockServer } from './mock-server';

export const FAKE_AGENT_SECRET = ['ghp_', 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8'].join('');

/**
 * A model for agent tests (Anthropic Messages API): asks for a tool when told to, then answers
 * with what the tool returned (or the tool error), so tests see governance decisions flow back.
 */
export function startMockAgentLlm() {
  return startMockServer((req, res) => {
    const body = req.json as { model: string; messages: { role: string; content: unknown }[]; system?: string };
    const last = body.messages.at(-1)!;
    const blocks = Array.isArray(last.content) ? (last.content as { type: string; content?: unknown; is_error?: boolean }[]) : [];
    const result = blocks.find((b) => b.type === 'tool_result');
    const usage = { input_tokens: 10, output_tokens: 5 };
    const reply = (content: unknown[], stop_reason: string) => json(res, 200, { id: 'msg_agent', type: 'message', role: 'assistant', model: body.model, content, stop_reason, stop_sequence: null, usage });
    if (result) return reply([{ type: 'text', text: `${result.is_error ? 'TOOL ERROR' : 'TOOL OK'}: ${String(result.content)}` }], 'end_turn');
    const text = typeof last.content === 'string' ? last.content : '';
    if (text.includes('use the secret')) return reply([{ type: 'tool_use', id: 'toolu_s', name: 'files__echo', input: { text: `token ${FAKE_AGENT_SECRET}` } }], 'tool_use');
    if (text.includes('use echo')) return reply([{ type: 'tool_use', id: 'toolu_e', name: 'files__echo', input: { text: 'hi from agent' } }], 'tool_use');
    if (text.includes('slowly')) return new Promise<void>((r) => setTimeout(() => r(reply([{ type: 'text', text: 'late' }], 'end_turn')), 1500));
    return reply([{ type: 'text', text: `Hello! system=${(body.system ?? '').includes('Summarise briefly') ? 'with-skill' : 'plain'}` }], 'end_turn');
  });
}
