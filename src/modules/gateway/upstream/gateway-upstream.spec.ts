import type { ResolvedRoute } from '../routing/resolved-route';
import { ClientCancellation } from './client-cancellation';
import { upstreamCall } from './gateway-upstream';

const route = { name: 'r', provider: 'anthropic', endpoint: 'http://127.0.0.1:1/v1' } as ResolvedRoute;

describe('upstreamCall', () => {
  it('carries every field and gives its cancellation as an AbortSignal when read', () => {
    const cancellation = new ClientCancellation();
    const request = { model: 'claude-x', max_tokens: 5, messages: [] };
    const call = upstreamCall({ route, request, rawBody: Buffer.from('{}'), stream: true, headers: { 'anthropic-version': '2023-06-01' }, cancellation, traceId: 't1' });
    expect(call).toMatchObject({ route, request, stream: true, headers: { 'anthropic-version': '2023-06-01' }, cancellation, traceId: 't1' });
    expect(call.rawBody?.toString()).toBe('{}');
    const signal = call.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    cancellation.abort();
    expect(call.signal).toBe(signal);
    expect(signal.aborted).toBe(true);
  });
});
