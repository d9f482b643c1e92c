import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GatewayJwtService, type GatewayClaims } from '../../common/auth/gateway-jwt.service';
import type { Identity } from '../../common/auth/identity';
import { digestsEqual, hashPat, parsePat } from '../../common/auth/personal-access-token';
import { type Role, isRole, roleRank } from '../../common/auth/roles';
import { scopeAllowedForRole } from '../../common/auth/scopes';
import { Clock } from '../../common/clock/clock.provider';
import { IdentityCache, type VerifiedCredential } from './identity-cache';
import { SessionsRepository } from './sessions.repository';
import { TokensRepository } from './tokens.repository';
import { UsersRepository } from './users.repository';

const SESSION_HEADER = /^[A-Za-z0-9._:-]{1,128}$/;
const TOUCH_EVERY_MS = 60_000;

/** Resolves PATs and gateway JWTs to identities; the global guard reaches it through `CredentialVerifier`. */
@Injectable()
export class CredentialService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly jwt: GatewayJwtService,
    private readonly cache: IdentityCache,
    private readonly clock: Clock,
  ) {}

  async verifyPat(credential: string, sessionHeader?: string): Promise<Identity | null> {
    const parsed = parsePat(credential);
    if (!parsed) return null;
    const hash = hashPat(credential);
    const identity = await this.cache.resolve(hash, () => this.lookupPat(parsed.prefix, hash));
    return identity ? withSession(identity, sessionHeader) : null;
  }

  async verifyJwt(credential: string, sessionHeader?: string): Promise<Identity | null> {
    const key = hash('sha256', credential, 'hex');
    const identity = await this.cache.resolve(key, async () => {
      const claims = await this.jwt.verify(credential);
      if (!claims) return null;
      const found = await this.identityFromClaims(claims);
      return found ? { identity: found, credentialExpiresAt: claims.exp * 1000 } : null;
    });
    return identity ? withSession(identity, sessionHeader) : null;
  }

  /** A PAT's identity from the database, or null when it is unknown, revoked, expired or its user inactive. */
  private async lookupPat(prefix: string, hash: string): Promise<VerifiedCredential | null> {
    const row = await this.tokens.findByPrefix(prefix);
    if (!row || !digestsEqual(row.tokenHash, hash) || row.revokedAt) return null;
    const now = this.clock.nowMs();
    if (row.expiresAt && row.expiresAt.getTime() <= now) return null;
    const user = await this.users.findById(row.userId);
    if (!user || user.status !== 'active') return null;

    this.touch(row.id, now);
    const identity: Identity = {
      principal: 'user',
      userId: user.id,
      tenantId: user.tenantId,
      role: user.role,
      scopes: narrowScopes(row.scopes, user.role),
      sessionId: derivedSession(row.id),
      clientId: null,
      credentialId: row.id,
      credential: 'pat',
      email: user.email,
    };
    return { identity, credentialExpiresAt: row.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY };
  }

  /** Checks what a JWT cannot know by itself: the user is still active, its session and source PAT live. */
  private async identityFromClaims(claims: GatewayClaims): Promise<Identity | null> {
    if (!isRole(claims.role)) return null;
    const subjectId = claims.pk === 'a2a' && claims.act ? claims.act.sub : claims.sub;
    let role: Role = claims.role;
    let tenantId = claims.tid;
    let email: string | undefined;
    if (claims.pk !== 'service') {
      const user = await this.users.findById(subjectId);
      if (!user || user.status !== 'active') return null;
      // A token never outranks its user's current role.
      if (roleRank(user.role) < roleRank(role)) role = user.role;
      tenantId = user.tenantId;
      email = user.email;
    }
    if (claims.ptk) {
      const pat = await this.tokens.findById(claims.ptk);
      if (!pat || pat.revokedAt || (pat.expiresAt && pat.expiresAt.getTime() <= this.clock.nowMs())) return null;
    }
    if (isUuid(claims.sid)) {
      const session = await this.sessions.findById(claims.sid);
      if (session && session.revokedAt) return null;
    }
    return {
      principal: claims.pk,
      userId: claims.pk === 'service' ? null : subjectId,
      tenantId,
      role,
      scopes: narrowScopes(claims.scope === undefined ? null : claims.scope.split(' ').filter(Boolean), role),
      sessionId: claims.sid,
      clientId: claims.cid ?? null,
      credentialId: claims.ptk ?? claims.jti,
      credential: 'jwt',
      actorUserId: claims.act?.sub ?? null,
      email,
    };
  }

  /** last_used_at, written at most once a minute per token and off the request path. */
  private touch(id: string, now: number): void {
    const last = this.touched.get(id) ?? 0;
    if (now - last < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    void this.tokens.touch(id, new Date(now)).catch(() => undefined);
  }
}

function narrowScopes(scopes: string[] | null, role: Role): string[] | null {
  return scopes === null ? null : scopes.filter((s) => scopeAllowedForRole(s, role));
}

/** Stock SDKs send no session id: a stable one is derived from the credential. */
function derivedSession(credentialId: string): string {
  return `s-${hash('sha256', credentialId, 'hex').slice(0, 24)}`;
}

function withSession(identity: Identity, header?: string): Identity {
  return header && SESSION_HEADER.test(header) ? { ...identity, sessionId: header } : identity;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
