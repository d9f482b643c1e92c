import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { connect, type Socket } from 'node:net';
import { octetCounted } from './syslog-format';

/** Where syslog messages go: TCP (framed, reconnecting) or UDP (one datagram each). */
export interface SyslogTransport {
  send(messages: string[]): Promise<void>;
  close(): void;
}

export function createSyslogTransport(protocol: 'tcp' | 'udp', host: string, port: number): SyslogTransport {
  return protocol === 'tcp' ? tcpTransport(host, port) : udpTransport(host, port);
}

/** The largest UDP payload over IPv4; longer messages are cut (receivers cut anyway). */
const MAX_DATAGRAM = 65_507;
const CONNECT_TIMEOUT_MS = 5000;

function udpTransport(host: string, port: number): SyslogTransport {
  const socket: UdpSocket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  socket.on('error', () => undefined);
  socket.unref();
  const sendOne = (message: string) =>
    new Promise<void>((resolve, reject) => {
      const data = Buffer.from(message, 'utf8').subarray(0, MAX_DATAGRAM);
      socket.send(data, port, host, (err) => (err ? reject(err) : resolve()));
    });
  return {
    async send(messages) {
      for (const message of messages) await sendOne(message);
    },
    close: () => socket.close(),
  };
}

/** One connection, opened on demand and again after any error (the queue retries the batch). */
function tcpTransport(host: string, port: number): SyslogTransport {
  let socket: Socket | null = null;
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect({ host, port });
      s.setTimeout(CONNECT_TIMEOUT_MS, () => s.destroy(new Error(`syslog connect to ${host}:${port} timed out`)));
      s.once('connect', () => {
        s.setTimeout(0);
        s.setKeepAlive(true, 30_000);
        s.unref();
        resolve(s);
      });
      s.once('error', reject);
      s.on('error', () => undefined);
      s.on('close', () => {
        if (socket === s) socket = null;
      });
    });
  return {
    async send(messages) {
      socket ??= await open();
      const current = socket;
      const data = messages.map(octetCounted).join('');
      await new Promise<void>((resolve, reject) =>
        current.write(data, 'utf8', (err) => {
          if (!err) return resolve();
          current.destroy();
          reject(err);
        }),
      );
    },
    close() {
      socket?.end();
      socket = null;
    },
  };
}
