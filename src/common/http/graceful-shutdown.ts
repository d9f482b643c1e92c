import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish (bounded by `timeoutMs`),
 * flush queues and close the database and Redis through the modules' shutdown hooks, exit 0.
 *
 * The HTTP side is drained BEFORE `app.close()`: Nest runs the modules' destroy hooks (queue
 * flush, then the DataSource is closed) before it closes the server, so a request still in
 * flight at the signal would have its record enqueued after the flush and lost, and its
 * socket destroyed (the cluster tier's SIGTERM test caught both). Draining gets half of
 * `timeoutMs`; the flush and close get the rest.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs: number): void {
  const server = app.getHttpServer() as Server;
  const inFlight = trackInFlight(server);
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${JSON.stringify({ level: 'info', msg: `received ${signal}, shutting down`, time: Date.now() })}\n`);
    const force = setTimeout(() => {
      process.stderr.write(`${JSON.stringify({ level: 'error', msg: `shutdown exceeded ${timeoutMs} ms, exiting`, time: Date.now() })}\n`);
      process.exit(1);
    }, timeoutMs);
    force.unref();
    drain(app, server, inFlight, Date.now() + timeoutMs / 2)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'shutdown failed', err: String(err), time: Date.now() })}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/**
 * Responses still being written. Event subscriptions (a GET asking for `text/event-stream`:
 * the events stream, MCP's GET stream) never end by themselves, so they do not hold the
 * drain up; `app.close()` ends them. Streamed answers to POSTs (gateway, A2A) are waited for.
 */
function trackInFlight(server: Server): Set<ServerResponse> {
  const inFlight = new Set<ServerResponse>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/event-stream')) return;
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return inFlight;
}

async function drain(app: INestApplication, server: Server, inFlight: Set<ServerResponse>, deadline: number): Promise<void> {
  // Requests on kept-alive connections now get a 503 with `Connection: close`; new
  // connections are refused (a balancer retries those on another replica).
  await app.getHttpAdapter().beforeClose?.();
  server.close();
  while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  // Rows are recorded just after a response closes: let those continuations run.
  await new Promise((r) => setImmediate(r));
}
