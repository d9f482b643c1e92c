import type { Server } from 'node:http';

/**
 * Limits on what one client connection may hold, against slow and oversized clients:
 * - headers: at most 16 KiB (Node's default, pinned so an upgrade cannot raise it), 100 of them;
 * - the headers must arrive within 20 s (slowloris), the whole request within
 *   `server.request_timeout_ms` (a slow body); Node checks both every 2 s;
 * - an idle keep-alive connection closes after 65 s (longer than the 60 s of common load
 *   balancers, so they never reuse a connection the gateway is closing).
 * Responses are not limited here: a streamed model answer may take minutes.
 */
export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_HEADERS_COUNT = 100;
export const HEADERS_TIMEOUT_MS = 20_000;
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const CONNECTIONS_CHECK_INTERVAL_MS = 2_000;

/** Node reads the checking interval when the server starts listening: call this before. */
export function applyConnectionLimits(server: Server, requestTimeoutMs: number): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = Math.max(requestTimeoutMs, HEADERS_TIMEOUT_MS);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = CONNECTIONS_CHECK_INTERVAL_MS;
}
