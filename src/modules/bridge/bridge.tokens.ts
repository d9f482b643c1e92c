/** `secrets.manifest_signing_key` parsed at start (a ManifestSigningKey), or null when not configured. */
export const CONFIGURED_SIGNING_KEY = Symbol('CONFIGURED_SIGNING_KEY');
