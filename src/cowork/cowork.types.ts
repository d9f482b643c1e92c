/** Shapes shared by the cowork credential helper; the wire formats are those of CONTRACT.md §4. */

/** The environment, passed in rather than read globally so every loader is testable. */
export type CoworkEnv = Readonly<Record<string, string | undefined>>;

/** Where output goes: stdout carries only the command's JSON result, stderr everything else. */
export interface CoworkIo {
  out(line: string): void;
  err(line: string): void;
}

/** The validated configuration: cowork.toml with the environment overrides applied. */
export interface CoworkConfig {
  /** The file the values came from (shown in messages), or null when none was found. */
  readonly source: string | null;
  readonly gatewayUrl: string | null;
  readonly pat: string | null;
  readonly session: { readonly token: string } | null;
  readonly mtls: { readonly cert: string; readonly key: string } | null;
  readonly manifest: { readonly publicKeyPem: string } | null;
}

/** What the gateway answers to a credential exchange, and what the helper prints. */
export interface IssuedToken {
  readonly token: string;
  /** Seconds the token stays valid from now. */
  readonly ttl: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** `GET /v1/bridge/manifest`. */
export interface SignedManifest {
  readonly manifest: Record<string, unknown>;
  /** base64url Ed25519 signature of the RFC 8785 canonical JSON of `manifest`. */
  readonly signature: string;
  readonly key_id: string;
}

/** `GET /v1/bridge/pubkey`. */
export interface ManifestPublicKey {
  readonly key_id: string;
  readonly algorithm: 'Ed25519';
  readonly public_key_pem: string;
}

/** `<target>/manifest.sig.json`: everything needed to re-verify offline. */
export interface ManifestSignatureFile {
  readonly signature: string;
  readonly key_id: string;
  readonly public_key_pem: string;
}
