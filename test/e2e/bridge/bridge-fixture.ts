import { createHash, createPublicKey, verify } from 'node:crypto';
import canonicalize from 'canonicalize';

/** One skill and three MCP servers with different audiences (plus the built-in `systemprompt`). */
export const BRIDGE_SERVICES: Record<string, string> = {
  'skills/summarise.md': '---\nname: summarise\ndescription: Summarise — briefly\n---\nFive bullets at most.\n',
  'mcp/shared.yaml': 'name: shared\ndescription: For everyone\nupstream: { url: "http://127.0.0.1:9/mcp" }\naccess: { roles: [user, developer] }\n',
  'mcp/dev-tools.yaml': 'name: dev-tools\ndescription: Developers only\nupstream: { url: "http://127.0.0.1:9/mcp" }\naccess: { roles: [developer] }\n',
  'mcp/ops.yaml': 'name: ops\ndescription: Admins only\nupstream: { url: "http://127.0.0.1:9/mcp" }\naccess: { roles: [admin] }\n',
};

export interface SignedManifestBody {
  manifest: Record<string, unknown> & { mcp_servers: { name: string; url: string; transport: string }[] };
  signature: string;
  key_id: string;
}

export interface PublicKeyBody {
  key_id: string;
  algorithm: string;
  public_key_pem: string;
}

/** The verification a client does: Ed25519 over the RFC 8785 canonical JSON, with node:crypto only. */
export function verifiesWith(signed: { manifest: unknown; signature: string }, publicKeyPem: string): boolean {
  return verify(null, Buffer.from(canonicalize(signed.manifest) ?? '', 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signed.signature, 'base64url'));
}

/** key_id as the contract defines it: first 16 hex digits of SHA-256 over the SPKI DER. */
export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}
