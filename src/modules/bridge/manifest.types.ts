import type { ManifestAgent } from './agent-directory';

export const MANIFEST_VERSION = 1;

/**
 * What a user's desktop clients should install. Signed as RFC 8785 canonical JSON, so every
 * value is a string, a boolean, an integer or a nested object/array of those.
 */
export interface Manifest {
  version: typeof MANIFEST_VERSION;
  issuer: string;
  /** The user id (for a non-user principal: its client id). */
  subject: string;
  role: string;
  issued_at: string;
  expires_at: string;
  agents: ManifestAgent[];
  skills: ManifestSkill[];
  mcp_servers: ManifestMcpServer[];
}

export interface ManifestSkill {
  name: string;
  description: string;
  sha256: string;
  instructions: string;
}

export interface ManifestMcpServer {
  name: string;
  description: string;
  url: string;
  transport: 'streamable-http';
}

/** `GET /v1/bridge/manifest`. */
export interface SignedManifest {
  manifest: Manifest;
  /** base64url Ed25519 signature over the canonical JSON of `manifest`. */
  signature: string;
  key_id: string;
}

/** `GET /v1/bridge/pubkey`. */
export interface ManifestPublicKey {
  key_id: string;
  algorithm: 'Ed25519';
  public_key_pem: string;
}
