import { getEventListeners } from 'node:events';
import { fetchWithOwnSignal } from './fetch-with-own-signal';

const answer = (contentType: string) => new Response(contentType === 'none' ? null : 'x', { status: 200, headers: contentType === 'none' ? {} : { 'content-type': contentType } });

describe('fetchWithOwnSignal', () => {
  it('leaves no listener on the shared signal once a JSON or empty answer arrived', async () => {
    const shared = new AbortController();
    const seen: AbortSignal[] = [];
    const wrapped = fetchWithOwnSignal(async (_input, init) => {
      seen.push(init!.signal!);
      return answer(seen.length % 2 ? 'application/json' : 'none');
    });
    for (let i = 0; i < 2000; i++) await wrapped('http://upstream/mcp', { method: 'POST', signal: shared.signal });
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(new Set(seen).size).toBe(2000); // a signal of its own per request
    expect(seen.every((s) => s !== shared.signal)).toBe(true);
  });

  it('aborts a request in flight when the shared signal is aborted', async () => {
    const shared = new AbortController();
    const wrapped = fetchWithOwnSignal(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason));
        }),
    );
    const pending = wrapped('http://upstream/mcp', { signal: shared.signal });
    shared.abort(new Error('transport closed'));
    await expect(pending).rejects.toThrow('transport closed');
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('keeps an event stream linked, so closing the transport still ends it', async () => {
    const shared = new AbortController();
    let own: AbortSignal | undefined;
    const wrapped = fetchWithOwnSignal(async (_input, init) => {
      own = init!.signal!;
      return answer('text/event-stream');
    });
    await wrapped('http://upstream/mcp', { method: 'GET', signal: shared.signal });
    expect(own!.aborted).toBe(false);
    shared.abort();
    expect(own!.aborted).toBe(true);
  });

  it('holds one listener per request in flight without a listener-limit warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const shared = new AbortController();
    const release: (() => void)[] = [];
    const wrapped = fetchWithOwnSignal(() => new Promise<Response>((resolve) => release.push(() => resolve(answer('application/json')))));
    const pending = Array.from({ length: 50 }, () => wrapped('http://upstream/mcp', { signal: shared.signal }));
    await new Promise((r) => setImmediate(r));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(50);
    release.forEach((r) => r());
    await Promise.all(pending);
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('passes requests without a signal through untouched', async () => {
    let received: RequestInit | undefined;
    const wrapped = fetchWithOwnSignal(async (_input, init) => {
      received = init;
      return answer('application/json');
    });
    const init = { method: 'POST' };
    await wrapped('http://upstream/mcp', init);
    expect(received).toBe(init);
  });
});
