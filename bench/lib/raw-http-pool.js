// A minimal HTTP/1.1 keep-alive client for the paced load generator: one pre-serialised request
// written as is, one request in flight per connection, responses framed by Content-Length or
// chunked encoding and otherwise not parsed. On a 2-core machine the load generator shares the
// cores with the server it measures; undici's full client cost ~75 µs of CPU a request there
// (a quarter of a core at 3,308 req/s), this one a fraction of that (docs/benchmarks.md).
const net = require('node:net');

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

/** The request bytes: method, path, headers (Host, Content-Length added) and body. */
function serialiseRequest({ host, method, path, headers, body }) {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}`, `content-length: ${payload.length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]);
}

/**
 * Where the response starting at `buffer[0]` ends and its status, or null while incomplete.
 * Throws on something that is not an HTTP/1.1 response with a known length.
 */
function responseEnd(buffer) {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd === -1) return null;
  const head = buffer.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.1 ') || !Number.isInteger(status)) throw new Error(`not an HTTP/1.1 response: ${head.slice(0, 40)}`);
  const bodyStart = headerEnd + HEADER_END.length;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return buffer.length >= end ? { end, status } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const last = buffer.indexOf(CHUNKED_END, bodyStart);
    return last === -1 ? null : { end: last + CHUNKED_END.length, status };
  }
  if (status === 204 || status === 304) return { end: bodyStart, status };
  throw new Error('a response without Content-Length or chunked encoding');
}

/** `connections` sockets to `origin`, opened as the load needs them; `send` queues when all are busy. */
class RawHttpPool {
  constructor(origin, connections) {
    const url = new URL(origin);
    this.host = url.host;
    this.port = Number(url.port || 80);
    this.hostname = url.hostname;
    this.limit = connections;
    this.idle = [];
    this.open = 0;
    this.queue = [];
  }

  /** Sends `bytes`; resolves with the status when the whole response has arrived. */
  send(bytes) {
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      this.dispatch();
    });
  }

  dispatch() {
    while (this.queue.length > 0) {
      const connection = this.idle.pop() ?? (this.open < this.limit ? this.connect() : null);
      if (!connection) return;
      connection.job = this.queue.shift();
      connection.socket.write(connection.job.bytes);
    }
  }

  connect() {
    this.open++;
    const socket = net.connect({ host: this.hostname, port: this.port, noDelay: true });
    const connection = { socket, received: Buffer.alloc(0), job: null };
    socket.on('data', (data) => {
      connection.received = connection.received.length === 0 ? data : Buffer.concat([connection.received, data]);
      let done;
      try {
        done = responseEnd(connection.received);
      } catch (err) {
        socket.destroy(err);
        return;
      }
      if (!done) return;
      const job = connection.job;
      if (!job) {
        socket.destroy(new Error('a response to no request'));
        return;
      }
      connection.received = connection.received.subarray(done.end);
      connection.job = null;
      this.idle.push(connection);
      job.resolve(done.status);
      this.dispatch();
    });
    socket.on('close', () => {
      this.open--;
      const at = this.idle.indexOf(connection);
      if (at !== -1) this.idle.splice(at, 1);
      if (connection.job) connection.job.reject(new Error('connection closed before the response'));
      connection.job = null;
      this.dispatch();
    });
    // A refused or reset connection ends in 'close', which fails its job.
    socket.on('error', () => undefined);
    return connection;
  }

  close() {
    for (const connection of this.idle) connection.socket.end();
    this.idle = [];
  }
}

module.exports = { RawHttpPool, serialiseRequest, responseEnd };
