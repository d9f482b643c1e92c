import { CoworkError } from '../cowork.errors';
import type { ManifestPublicKey, ManifestSignatureFile, SignedManifest } from '../cowork.types';

/**
 * Shape checks for the manifest wire formats and the files written by `sync`. They run
 * before any signature check, so a malformed answer gets a message naming the missing field.
 */
export function toSignedManifest(body: unknown, where: string): SignedManifest {
  const record = asRecord(body, where);
  const manifest = record.manifest;
  if (!isPlainObject(manifest)) throw malformed(where, 'manifest is not a JSON object');
  return { manifest, signature: stringField(record, 'signature', where), key_id: stringField(record, 'key_id', where) };
}

export function toManifestPublicKey(body: unknown, where: string): ManifestPublicKey {
  const record = asRecord(body, where);
  if (record.algorithm !== 'Ed25519') throw malformed(where, `algorithm is ${JSON.stringify(record.algorithm)}, expected "Ed25519"`);
  return { key_id: stringField(record, 'key_id', where), algorithm: 'Ed25519', public_key_pem: stringField(record, 'public_key_pem', where) };
}

export function toSignatureFile(body: unknown, where: string): ManifestSignatureFile {
  const record = asRecord(body, where);
  return {
    signature: stringField(record, 'signature', where),
    key_id: stringField(record, 'key_id', where),
    public_key_pem: stringField(record, 'public_key_pem', where),
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(body: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw malformed(where, 'not a JSON object');
  return body;
}

function stringField(record: Record<string, unknown>, field: string, where: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') throw malformed(where, `${field} is missing or not a string`);
  return value;
}

function malformed(where: string, reason: string): CoworkError {
  return new CoworkError('MANIFEST_INVALID', `${where}: ${reason}`);
}
