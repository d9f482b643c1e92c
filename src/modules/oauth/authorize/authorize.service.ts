import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Identity } from '../../../common/auth/identity';
import { hashPat } from '../../../common/auth/personal-access-token';
import { holdsScope } from '../../../common/auth/scopes';
import { Clock } from '../../../common/clock/clock.provider';
import { ClientsService } from '../clients/clients.service';
import type { OauthClientEntity } from '../clients/oauth-client.entity';
import { redirectUriRegistered } from '../clients/redirect-uri';
import { AuthorizationCodesRepository } from '../grants/authorization-codes.repository';
import { resourceIndicator } from '../grants/resource-indicator';
import { OAuthError } from '../oauth.errors';
import { OauthSettings } from '../oauth-settings.provider';
import { grantedScope, OIDC_SCOPES, parseScope, unknownScope } from '../oauth-scope';
import type { OauthUser } from '../user-directory.service';
import { type BrowserSession, BrowserSessionService } from './browser-session.service';
import { AuthorizeRequestDto } from './dto/authorize-request.dto';

/** The parameters a code is issued for, echoed in the consent form. */
export const REQUEST_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'resource', 'prompt'] as const;

/** A request whose client and redirect_uri are good: from here on, errors go back to the client. */
interface TrustedTarget {
  client: OauthClientEntity;
  redirectUri: string;
  state: string | undefined;
}

export type AuthorizeOutcome =
  | { kind: 'error_page'; message: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'login'; clientName: string | null; returnTo: string }
  | { kind: 'consent'; client: OauthClientEntity; user: OauthUser; scopes: string[]; params: Record<string, string>; csrf: string; redirectTarget: string };

/** Who is at /authorize: a bearer (CLIs, tests) or a browser with a passkey session. */
export interface Requester {
  identity: Identity | null;
  session: BrowserSession | null;
}

/**
 * The authorization endpoint's decisions (code flow, PKCE S256 only). An unknown client or an
 * unregistered redirect_uri is answered with a page and never redirected to; every later error
 * is redirected to the client with `state` and `iss` (RFC 9207).
 */
@Injectable()
export class AuthorizeService {
  constructor(
    private readonly clients: ClientsService,
    private readonly codes: AuthorizationCodesRepository,
    private readonly browser: BrowserSessionService,
    private readonly settings: OauthSettings,
    private readonly clock: Clock,
  ) {}

  async begin(query: Record<string, unknown>, who: Requester, consented = false): Promise<AuthorizeOutcome> {
    const target = await this.target(query);
    if ('message' in target) return { kind: 'error_page', message: target.message };
    try {
      const request = await this.validated(query);
      const bearer = who.identity?.principal === 'user' && who.identity.userId ? who.identity : null;
      const session = bearer ? null : who.session;
      if (!bearer && (!session || (request.prompt === 'login' && !consented))) {
        if (request.prompt === 'none') throw new OAuthError('ACCESS_DENIED', 'login_required');
        return { kind: 'login', clientName: target.client.name, returnTo: returnTo(query) };
      }
      const role = bearer ? bearer.role : session!.user.role;
      const scopes = grantedScope(parseScope(request.scope), parseScope(target.client.scope), role)?.filter((s) => !bearer || withinCredential(bearer, s));
      if (!scopes) throw new OAuthError('INVALID_SCOPE', 'scope exceeds what the client is registered for');
      if (session && !target.client.firstParty && !consented) {
        if (request.prompt === 'none') throw new OAuthError('ACCESS_DENIED', 'consent_required');
        const params = requestParams(query);
        const csrf = this.browser.csrfToken(session.sessionId, consentPurpose(params));
        return { kind: 'consent', client: target.client, user: session.user, scopes, params, csrf, redirectTarget: formTarget(target.redirectUri) };
      }
      const userId = bearer ? bearer.userId! : session!.user.id;
      const authTime = session ? session.authTime : this.clock.now();
      return { kind: 'redirect', location: await this.issueCode(target, request, userId, scopes, authTime) };
    } catch (err) {
      if (err instanceof OAuthError) return { kind: 'redirect', location: errorRedirect(target, err, this.settings.issuer) };
      throw err;
    }
  }

  /** The consent form came back: check its CSRF token against the session, then allow or deny. */
  async decide(body: Record<string, unknown>, session: BrowserSession | null): Promise<AuthorizeOutcome> {
    const target = await this.target(body);
    if ('message' in target) return { kind: 'error_page', message: target.message };
    if (!session) return { kind: 'login', clientName: target.client.name, returnTo: returnTo(body) };
    if (!this.browser.csrfValid(session.sessionId, consentPurpose(requestParams(body)), body.csrf)) {
      return { kind: 'error_page', message: 'The form expired or did not come from this site. Start again from the application.' };
    }
    if (body.decision !== 'allow') return { kind: 'redirect', location: errorRedirect(target, new OAuthError('ACCESS_DENIED', 'the user denied the request'), this.settings.issuer) };
    const query = Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'csrf' && name !== 'decision'));
    return this.begin(query, { identity: null, session }, true);
  }

  private async target(query: Record<string, unknown>): Promise<TrustedTarget | { message: string }> {
    const clientId = query.client_id;
    if (typeof clientId !== 'string' || clientId === '') return { message: 'client_id is missing or given more than once.' };
    const client = await this.clients.find(clientId);
    if (!client || !client.grantTypes.includes('authorization_code')) return { message: `Unknown client ${clientId}.` };
    const asked = query.redirect_uri;
    if (asked !== undefined && typeof asked !== 'string') return { message: 'redirect_uri is given more than once.' };
    if (asked === undefined && client.redirectUris.length !== 1) return { message: 'redirect_uri is required for this client.' };
    const redirectUri = asked ?? client.redirectUris[0]!;
    if (!redirectUriRegistered(client.redirectUris, redirectUri)) return { message: 'The redirect_uri is not registered for this client.' };
    return { client, redirectUri, state: typeof query.state === 'string' ? query.state : undefined };
  }

  private async validated(query: Record<string, unknown>): Promise<AuthorizeRequestDto> {
    const repeated = Object.entries(query).find(([, v]) => Array.isArray(v));
    if (repeated) throw new OAuthError('INVALID_REQUEST', `${repeated[0]} is given more than once`);
    const request = plainToInstance(AuthorizeRequestDto, query);
    const errors = await validate(request);
    const first = errors[0];
    if (first) {
      const code = first.property === 'response_type' ? 'UNSUPPORTED_RESPONSE_TYPE' : 'INVALID_REQUEST';
      throw new OAuthError(code, Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`);
    }
    const unknown = unknownScope(parseScope(request.scope));
    if (unknown) throw new OAuthError('INVALID_SCOPE', `unknown scope ${unknown}`);
    resourceIndicator(this.settings.issuer, request.resource);
    return request;
  }

  private async issueCode(target: TrustedTarget, request: AuthorizeRequestDto, userId: string, scopes: string[], authTime: Date): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.codes.insert({
      codeHash: hashPat(code),
      clientId: target.client.id,
      userId,
      redirectUri: target.redirectUri,
      codeChallenge: request.code_challenge,
      scope: scopes.join(' '),
      nonce: request.nonce ?? null,
      resource: request.resource ?? null,
      authTime,
      expiresAt: new Date(this.clock.nowMs() + this.settings.codeTtl * 1000),
    });
    const url = new URL(target.redirectUri);
    url.searchParams.set('code', code);
    if (target.state !== undefined) url.searchParams.set('state', target.state);
    url.searchParams.set('iss', this.settings.issuer);
    return url.toString();
  }
}

/** A bearer at /authorize grants no more than the credential itself holds (a scoped PAT stays scoped). */
function withinCredential(identity: Identity, scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope) || holdsScope(identity.role, identity.scopes, scope);
}

/** Where the browser goes after logging in: this request again, without `prompt=login` (or it would loop). */
function returnTo(source: Record<string, unknown>): string {
  const params = requestParams(source);
  if (params.prompt === 'login') delete params.prompt;
  return `/api/v1/oauth/authorize?${new URLSearchParams(params).toString()}`;
}

function requestParams(source: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(REQUEST_PARAMS.flatMap((name) => (typeof source[name] === 'string' ? [[name, source[name] as string]] : [])));
}

/** The CSRF token covers the whole request, so a token minted for one request cannot approve another. */
function consentPurpose(params: Record<string, string>): string {
  return `consent|${JSON.stringify(REQUEST_PARAMS.map((name) => params[name] ?? null))}`;
}

function errorRedirect(target: TrustedTarget, err: OAuthError, issuer: string): string {
  const url = new URL(target.redirectUri);
  const [error, description] = err.code === 'ACCESS_DENIED' && /^(login|consent)_required$/.test(err.message) ? [err.message, err.message.replace('_', ' ')] : [err.error, err.message];
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (target.state !== undefined) url.searchParams.set('state', target.state);
  url.searchParams.set('iss', issuer);
  return url.toString();
}

/** What the consent page's CSP must let the form be redirected to. */
function formTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}
