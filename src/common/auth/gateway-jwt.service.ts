import { type KeyObject, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import type { PrincipalKind, Role } from './roles';

/** Claims of every token this gateway issues (gateway JWTs and OAuth access tokens). */
export interface GatewayClaims {
  sub: string;
  tid: string;
  role: Role;
  /** Space-separated scopes; absent = unscoped (all the role allows). */
  scope?: string;
  sid: string;
  pk: PrincipalKind;
  cid?: string;
  /** The PAT this token was exchanged for (credential helper): revoking the PAT kills it. */
  ptk?: string;
  /** For a2a principals: the user the agent acts for. */
  act?: { sub: string };
  jti: string;
  exp: number;
  iat: number;
}

/** Asymmetric verification keys contributed by the OAuth module (by `kid`). */
export interface JwtKeyResolver {
  resolve(kid: string): Promise<{ key: KeyObject | Uint8Array; alg: string } | null>;
}

/**
 * Signs and verifies gateway JWTs: HS256 with `jwt_secret`, or (for OAuth access tokens) an
 * asymmetric key found by `kid`. The algorithm is pinned per key kind, so `alg: none` and
 * HS256-signed-with-a-public-key are refused.
 */
@Injectable()
export class GatewayJwtService {
  private readonly secret: Uint8Array;
  private resolver: JwtKeyResolver | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secret = new TextEncoder().encode(config.secrets.jwt_secret);
  }

  useKeyResolver(resolver: JwtKeyResolver): void {
    this.resolver = resolver;
  }

  get issuer(): string {
    return this.config.security.jwt_issuer;
  }

  async sign(claims: Omit<GatewayClaims, 'jti' | 'exp' | 'iat'> & { jti?: string }, ttlSeconds: number, audience?: string): Promise<string> {
    const { jti, ...rest } = claims;
    return new SignJWT({ ...rest } as JWTPayload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(audience ?? this.config.security.jwt_audiences[0]!)
      .setJti(jti ?? randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.secret);
  }

  /** Null for anything not issued by us, expired, or for another audience. */
  async verify(token: string): Promise<GatewayClaims | null> {
    let header: { alg?: string; kid?: string };
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return null;
    }
    try {
      if (header.alg === 'HS256' && !header.kid) {
        const { payload } = await jwtVerify(token, this.secret, this.verifyOptions('HS256'));
        return asClaims(payload);
      }
      if (!header.kid || !this.resolver || !header.alg || header.alg.startsWith('HS') || header.alg === 'none') return null;
      const key = await this.resolver.resolve(header.kid);
      if (!key || key.alg !== header.alg) return null;
      const { payload } = await jwtVerify(token, key.key, this.verifyOptions(key.alg));
      return asClaims(payload);
    } catch {
      return null;
    }
  }

  /** One literal per call (a spread of shared options plus a new key cost a hidden class each: docs/architecture.md). */
  private verifyOptions(algorithm: string) {
    return { issuer: this.issuer, audience: [...this.config.security.jwt_audiences], clockTolerance: 5, algorithms: [algorithm] };
  }
}

function asClaims(payload: JWTPayload): GatewayClaims | null {
  const p = payload as Partial<GatewayClaims>;
  if (typeof p.sub !== 'string' || typeof p.role !== 'string' || typeof p.sid !== 'string' || typeof p.jti !== 'string') return null;
  // Object.assign, not a spread followed by new keys (docs/architecture.md, "Object shapes on the hot path").
  return Object.assign({}, p, { tid: p.tid ?? '', pk: p.pk ?? 'user' }) as GatewayClaims;
}
