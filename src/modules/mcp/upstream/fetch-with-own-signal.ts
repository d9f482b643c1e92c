import { setMaxListeners } from 'node:events';

type Fetch = typeof fetch;

/**
 * A `fetch` for the MCP SDK's client transport that gives every request a signal of its own,
 * linked to the transport's shared one. The SDK passes one long-lived AbortSignal to every
 * request; fetch leaves a listener on it per request until garbage collection, so under load the
 * gateway printed thousands of MaxListenersExceededWarning lines. The link is dropped once a
 * JSON (or empty) answer has arrived; an event stream keeps it, so closing the transport still
 * ends a long-lived stream. The shared signal then holds one listener per request in flight (a
 * number bounded by the concurrency, not growing with traffic), so its listener limit is lifted.
 */
export function fetchWithOwnSignal(base: Fetch = fetch): Fetch {
  const raised = new WeakSet<AbortSignal>();
  return async (input, init) => {
    const shared = init?.signal;
    if (!shared || shared.aborted) return base(input, init);
    if (!raised.has(shared)) {
      setMaxListeners(0, shared);
      raised.add(shared);
    }
    const own = new AbortController();
    const abort = () => own.abort(shared.reason);
    shared.addEventListener('abort', abort, { once: true });
    let keepLink = false;
    try {
      // Not `{ ...init, signal }`: see docs/architecture.md, "Object shapes on the hot path".
      const response = await base(input, Object.assign({}, init, { signal: own.signal }));
      keepLink = (response.headers.get('content-type') ?? '').includes('text/event-stream');
      return response;
    } finally {
      if (!keepLink) shared.removeEventListener('abort', abort);
    }
  };
}
