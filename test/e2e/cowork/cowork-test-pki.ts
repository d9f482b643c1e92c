import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import * as path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

export interface TestPki {
  readonly caCert: string;
  readonly deviceCert: string;
  readonly deviceKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

/** True when an openssl binary is on PATH: Node can sign but cannot issue X.509 certificates. */
export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

/** A throwaway CA, a server certificate for 127.0.0.1 and a device (client) certificate. */
export function createTestPki(dir: string): TestPki {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => {
    const res = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`openssl ${args[0]} failed: ${res.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=cowork-test-ca');
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const [name, cn, ext] of [['server', '127.0.0.1', ['-extfile', 'server.ext']], ['device', 'device-1', []]] as const) {
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', ...ext);
  }
  return { caCert: file('ca.crt'), deviceCert: file('device.crt'), deviceKey: file('device.key'), serverCert: file('server.crt'), serverKey: file('server.key') };
}

export interface MtlsGateway {
  readonly url: string;
  /** Common names of the client certificates presented to the mtls endpoint. */
  readonly presented: string[];
  close(): Promise<void>;
}

/** An https gateway whose mtls endpoint issues a token only for a certificate of the test CA. */
export async function startMtlsGateway(pki: TestPki): Promise<MtlsGateway> {
  const presented: string[] = [];
  const server: Server = createServer(
    { key: readFileSync(pki.serverKey), cert: readFileSync(pki.serverCert), ca: readFileSync(pki.caCert), requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      req.resume();
      req.on('end', () => {
        const socket = req.socket as TLSSocket;
        const cn = socket.getPeerCertificate().subject?.CN;
        if (req.url === '/v1/gateway/auth/cowork/mtls' && socket.authorized && typeof cn === 'string') {
          presented.push(cn);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `mtls-token-${cn}`, ttl: 900, headers: { 'x-client-id': cn } }));
          return;
        }
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized', message: 'no valid client certificate' }));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, presented, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
