import { hash } from 'node:crypto';

const PAT_PREFIX = /^sp-live-([0-9a-f]{12})\./;

/**
 * What failed authentications are counted against: the source address together with the
 * credential presented — a PAT's public prefix, a hash of any other token, or "none". Counting
 * per address alone let one client behind a shared address (an office NAT, a proxy without
 * trust_proxy) lock every user there out with a few bad tokens; a guesser is still slowed on
 * every credential it guesses at, and cannot use the limit against someone else's token.
 */
export function failureKey(source: string, credential: string | null): string {
  if (!credential) return `${source}|none`;
  const pat = PAT_PREFIX.exec(credential);
  if (pat) return `${source}|pat:${pat[1]}`;
  return `${source}|tok:${hash('sha256', credential, 'hex').slice(0, 16)}`;
}
