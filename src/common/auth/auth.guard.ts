import { type ExecutionContext, ForbiddenException, HttpException, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../request-context/request-context.service';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { failureKey } from './failure-key';
import { extractCredential } from './extract-credential';
import type { Identity } from './identity';
import { IS_PUBLIC } from './public.decorator';
import { type Role, roleAtLeast } from './roles';
import { MIN_ROLE } from './roles.decorator';
import { holdsScope } from './scopes';
import { REQUIRED_SCOPES } from './scopes.decorator';

export type AuthenticatedRequest = FastifyRequest & { identity?: Identity | null };

/** Passport strategy names, registered by the users module (PAT first: it is the cheaper check). */
export const AUTH_STRATEGIES = ['pat', 'jwt'];

/**
 * The global guard: deny by default. `@Public()` routes are open (a credential, if sent, is
 * still resolved); every other route needs a credential accepted by one of the passport
 * strategies, a role that reaches `@Roles` (default `user`) and every `@Scopes`.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard(AUTH_STRATEGIES) {
  constructor(
    private readonly reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
    private readonly context: RequestContext,
  ) {
    super({ session: false, property: 'identity' });
  }

  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [execution.getHandler(), execution.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;
    const credential = extractCredential(request);

    if (isPublic) {
      if (credential) await this.authenticate(execution, request).catch(() => undefined);
      return true;
    }
    if (!credential) throw new UnauthorizedException('Authentication required: send a bearer token');
    const identity = await this.authenticate(execution, request);
    if (!identity) throw new UnauthorizedException('Invalid, expired or revoked credential');

    const minRole = this.reflector.getAllAndOverride<Role>(MIN_ROLE, targets) ?? 'user';
    if (!roleAtLeast(identity.role, minRole)) throw new ForbiddenException(`Requires role ${minRole} or higher`);
    const scopes = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, targets) ?? [];
    const missing = scopes.filter((s) => !holdsScope(identity.role, identity.scopes, s));
    if (missing.length > 0) throw new ForbiddenException(`Token lacks scope: ${missing.join(', ')}`);
    return true;
  }

  /**
   * Passport's verdict: the identity, or null for a credential that is not accepted. A strategy
   * that threw could not check the credential at all (the database is unreachable): that is a
   * 503, not a 401, so clients keep a valid token and retry, and it does not count as a failed
   * authentication (the cluster tier's PostgreSQL-outage test caught 401s here).
   */
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw new ServiceUnavailableException('Authentication is temporarily unavailable: the credential could not be checked; try again');
    return (user || null) as T;
  }

  private async authenticate(execution: ExecutionContext, request: AuthenticatedRequest): Promise<Identity | null> {
    const source = failureKey(request.ip, extractCredential(request));
    const wait = this.failures.retryAfterMs(source);
    if (wait > 0) {
      throw new HttpException({ message: 'Too many failed authentication attempts; try again later' }, 429);
    }
    await super.canActivate(execution);
    const identity = request.identity ?? null;
    if (!identity) {
      await this.failures.recordFailure(source);
      return null;
    }
    this.context.setIdentity(identity);
    return identity;
  }
}
