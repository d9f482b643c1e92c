import { connect, type Socket } from 'node:net';

/** A client on a real TCP socket, for what `inject` cannot show: header limits, slow clients. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  readonly received: string;
  readonly closed: boolean;
  /** Milliseconds from connect to close (NaN while open). */
  readonly openForMs: number;
  write(text: string): Promise<void>;
  close(): void;
}

export function openRaw(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const state = { received: '', closed: false, openedAt: 0, closedAt: Number.NaN };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (state.received += chunk));
    socket.on('error', () => undefined); // a reset by the server is an expected outcome
    socket.on('close', () => {
      state.closed = true;
      state.closedAt = Date.now();
    });
    socket.once('connect', () => {
      state.openedAt = Date.now();
      resolve({
        socket,
        get received() {
          return state.received;
        },
        get closed() {
          return state.closed;
        },
        get openForMs() {
          return state.closedAt - state.openedAt;
        },
        write: (text) => new Promise<void>((res) => (socket.destroyed ? res() : socket.write(text, () => res()))),
        close: () => socket.destroy(),
      });
    });
    socket.once('error', reject);
  });
}

/** The status and JSON body of the first HTTP response in `raw`. */
export function parseResponse(raw: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const text = rest.join('\r\n\r\n');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: left as text for the assertion to show
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
