import { generateKeyPairSync } from 'node:crypto';
import { CoworkError } from '../cowork.errors';
import { normaliseGatewayUrl, parseCoworkConfig } from './cowork-config.schema';

const FILE = '/etc/sp/cowork.toml';
const ed25519Pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

function failure(raw: Record<string, unknown>): string {
  try {
    parseCoworkConfig(raw, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(CoworkError);
    expect((error as CoworkError).exitStatus).toBe(2);
    return (error as CoworkError).message;
  }
  throw new Error('expected a CoworkError');
}

describe('parseCoworkConfig', () => {
  it.each([
    [{ gateway: 'x' }, 'gateway: unknown key'],
    [{ session: { token: 't', ttl: 5 } }, 'session.ttl: unknown key'],
    [{ mtls: { cert: 'c' } }, 'mtls.key: is required'],
    [{ mtls: 'c' }, 'mtls: must be a table'],
    [{ pat: 42 }, 'pat: must be a string'],
    [{ pat: ' ' }, 'pat: must not be empty'],
    [{ gateway_url: 'ftp://gw' }, 'gateway_url: must be an http:// or https:// URL'],
    [{ gateway_url: 'not a url' }, "gateway_url: 'not a url' is not a URL"],
    [{ gateway_url: 'https://user:pw@gw' }, 'gateway_url: must not carry credentials'],
    [{ manifest: { public_key: 'junk' } }, 'manifest.public_key: must be an Ed25519 public key'],
    [{ manifest: { public_key: rsaPem } }, 'manifest.public_key: must be an Ed25519 public key'],
  ])('refuses %j naming the file and key', (raw, reason) => {
    expect(failure(raw)).toContain(`${FILE}: ${reason}`);
  });

  it('accepts a full file, resolving mtls paths against the file and trimming the URL', () => {
    const config = parseCoworkConfig(
      {
        gateway_url: 'https://gw.example.com/prefix/',
        pat: 'sp-live-abc',
        session: { token: 's' },
        mtls: { cert: 'device.crt', key: '/abs/device.key' },
        manifest: { public_key: ed25519Pem },
      },
      FILE,
    );
    expect(config).toEqual({
      source: FILE,
      gatewayUrl: 'https://gw.example.com/prefix',
      pat: 'sp-live-abc',
      session: { token: 's' },
      mtls: { cert: '/etc/sp/device.crt', key: '/abs/device.key' },
      manifest: { publicKeyPem: ed25519Pem.trim() },
    });
  });

  it('leaves absent sections null', () => {
    expect(parseCoworkConfig({}, FILE)).toEqual({ source: FILE, gatewayUrl: null, pat: null, session: null, mtls: null, manifest: null });
  });
});

describe('normaliseGatewayUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://gw.example.com/', 'https://gw.example.com'],
    ['https://gw.example.com/base//', 'https://gw.example.com/base'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseGatewayUrl(input, 'SP_COWORK_GATEWAY_URL')).toBe(expected);
  });
});
