import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/clock/clock.provider';
import { SessionsRepository } from '../../users/sessions.repository';
import { OauthSettings } from '../oauth-settings.provider';
import { type OauthUser, UserDirectoryService } from '../user-directory.service';

export const SESSION_COOKIE = 'sp_session';
export const CHALLENGE_COOKIE = 'sp_webauthn';
const COOKIE_PATH = '/api/v1/oauth';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BrowserSession {
  sessionId: string;
  user: OauthUser;
  /** When the user logged in (the id_token's auth_time). */
  authTime: Date;
}

/**
 * The login session of a browser after a passkey login: a `sessions` row named by an HMAC-signed,
 * HttpOnly, SameSite=Lax cookie scoped to the OAuth paths. Also mints the CSRF tokens of its
 * forms, bound to the session and to what the form is about.
 */
@Injectable()
export class BrowserSessionService {
  private readonly key: Buffer;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UserDirectoryService,
    private readonly settings: OauthSettings,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', settings.jwtSecret, 'systemprompt-oauth-browser', 'browser session cookie v1', 32));
  }

  /** Starts a session for the user; the Set-Cookie value to send. */
  async start(userId: string): Promise<string> {
    const expiresAt = new Date(this.clock.nowMs() + this.settings.sessionTtl * 1000);
    const session = await this.sessions.create({ userId, kind: 'browser', clientId: null, expiresAt });
    return this.cookie(SESSION_COOKIE, `${session.id}.${this.mac(`session|${session.id}`)}`, this.settings.sessionTtl);
  }

  async resolve(cookieHeader: string | undefined): Promise<BrowserSession | null> {
    const value = readCookie(cookieHeader, SESSION_COOKIE);
    const dot = value?.indexOf('.') ?? -1;
    if (!value || dot < 0) return null;
    const id = value.slice(0, dot);
    if (!UUID.test(id) || !this.same(value.slice(dot + 1), this.mac(`session|${id}`))) return null;
    const session = await this.sessions.findById(id);
    if (!session || session.kind !== 'browser' || session.revokedAt || session.expiresAt.getTime() <= this.clock.nowMs()) return null;
    const user = await this.users.activeUser(session.userId);
    return user ? { sessionId: id, user, authTime: session.createdAt } : null;
  }

  csrfToken(sessionId: string, purpose: string): string {
    return this.mac(`csrf|${sessionId}|${purpose}`);
  }

  csrfValid(sessionId: string, purpose: string, token: unknown): boolean {
    return typeof token === 'string' && this.same(token, this.csrfToken(sessionId, purpose));
  }

  /** A short-lived cookie naming the WebAuthn challenge this browser was given (login CSRF). */
  challengeCookie(challengeId: string): string {
    return this.cookie(CHALLENGE_COOKIE, challengeId, 300);
  }

  challengeId(cookieHeader: string | undefined): string | null {
    const value = readCookie(cookieHeader, CHALLENGE_COOKIE);
    return value && UUID.test(value) ? value : null;
  }

  private cookie(name: string, value: string, maxAge: number): string {
    return `${name}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${this.settings.secureCookies ? '; Secure' : ''}`;
  }

  private mac(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
