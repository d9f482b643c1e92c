import { createTestApp, type TestApp } from '../../utils/test-app';

/**
 * URLs Fastify's router refuses before any hook or filter runs (an over-long path segment, bad
 * percent-encoding), and NUL in a URL, still answer in the contract's shape for the path.
 */
describe('malformed URLs (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ redis: false });
  });
  afterAll(async () => {
    await t.close();
  });

  const long = 'a'.repeat(300);

  it.each([
    ['an over-long path segment', `/api/v1/users/${long}`, 414, 'A path segment is too long'],
    ['bad percent-encoding in the path', '/api/v1/users/%E0%A4%A', 400, 'The URL is not valid (bad percent-encoding)'],
    ['a percent-encoded NUL in the query', '/api/v1/users?offset=%00', 400, 'The request URL contains a NUL character (U+0000), which is not accepted'],
  ])('%s: the REST shape, with the trace id of the response', async (_name, url, status, message) => {
    const res = await t.inject({ method: 'GET', url, headers: { 'x-trace-id': 'trace-malformed-url-1' } });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ statusCode: status, error: expect.any(String), message, trace_id: 'trace-malformed-url-1' });
    expect(res.headers['x-trace-id']).toBe('trace-malformed-url-1');
  });

  it('on /v1/*: the Anthropic shape', async () => {
    const res = await t.inject({ method: 'POST', url: '/v1/messages/%E0%A4%A', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'The URL is not valid (bad percent-encoding)' } });
  });

  it('on a JSON-RPC endpoint: a JSON-RPC error', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/agents/%E0%A4%A', payload: {} });
    expect(res.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'The URL is not valid (bad percent-encoding)' } });
  });
});
