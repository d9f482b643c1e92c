import { request, type IncomingHttpHeaders } from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseConnection {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body when the server answered without streaming (errors). */
  body: string;
  events: SseEvent[];
  comments: string[];
  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  waitForComment(match: (c: string) => boolean, timeoutMs?: number): Promise<string>;
  ended: Promise<void>;
  close(): void;
}

/** A minimal EventSource over node:http that records everything it receives. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      let body = '';
      let markEnded: () => void = () => undefined;
      const ended = new Promise<void>((r) => (markEnded = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk.length < 10_000 && body.length < 10_000 ? chunk : '';
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: SseEvent = { data: '' };
          let hasField = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) ((event.id = line.slice(4)), (hasField = true));
            else if (line.startsWith('event: ')) ((event.event = line.slice(7)), (hasField = true));
            else if (line.startsWith('data: ')) ((event.data += line.slice(6)), (hasField = true));
          }
          if (hasField && event.event) events.push(event);
        }
        for (const wake of waiters) wake();
      });
      res.on('close', () => {
        markEnded();
        for (const wake of waiters) wake();
      });
      const waitUntil = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
        new Promise<T>((ok, fail) => {
          const check = () => {
            const found = find();
            if (found !== undefined) {
              waiters.delete(check);
              clearTimeout(timer);
              ok(found);
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => e.event))}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        get body() {
          return body;
        },
        events,
        comments,
        waitFor: (match, timeoutMs = 10_000) => waitUntil(() => events.find(match), 'an event', timeoutMs),
        waitForComment: (match, timeoutMs = 10_000) => waitUntil(() => comments.find(match), 'a comment', timeoutMs),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export function json<T = Record<string, unknown>>(event: SseEvent): T {
  return JSON.parse(event.data) as T;
}
