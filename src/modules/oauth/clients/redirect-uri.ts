/**
 * Redirect URI rules: https anywhere; plain http only on loopback (RFC 8252 §7.3), where any
 * port matches the registered URI because native apps pick a free port at run time; private-use
 * schemes with a reverse-domain name (RFC 8252 §7.1). Otherwise an exact string comparison.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'ftp:', 'ws:', 'wss:']);

/** Why a URI may not be registered, or null when it may. */
export function redirectUriProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${value} is not an absolute URI`;
  }
  if (value.includes('#')) return `${value} must not contain a fragment`;
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `${value} uses a forbidden scheme`;
  if (url.protocol === 'https:') return url.hostname ? null : `${value} has no host`;
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname) ? null : `${value}: plain http is allowed only for loopback (127.0.0.1, [::1], localhost)`;
  // A private-use scheme must be a reverse domain name (com.example.app:/callback).
  return url.protocol.slice(0, -1).includes('.') ? null : `${value}: a custom scheme must be a reverse domain name such as com.example.app`;
}

/** Whether `requested` is one of `registered`: exact, or a loopback URI differing only in its port. */
export function redirectUriRegistered(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const asked = loopbackKey(requested);
  return asked !== null && registered.some((r) => loopbackKey(r) === asked);
}

function loopbackKey(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) return null;
  return `${url.hostname}${url.pathname}${url.search}`;
}
