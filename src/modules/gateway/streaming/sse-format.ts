/**
 * One server-sent event. A string is sent as is (e.g. OpenAI's `[DONE]`), anything else as JSON;
 * embedded newlines become extra `data:` lines so the event cannot be split by its own payload.
 */
export function formatSse(event: string | undefined, data: unknown): string {
  const payload = typeof data === 'string' ? data : (JSON.stringify(data) ?? 'null');
  const lines = payload.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `${event === undefined ? '' : `event: ${event}\n`}${lines.join('')}\n`;
}
