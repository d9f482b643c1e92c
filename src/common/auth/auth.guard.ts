import { type CanActivate, type ExecutionContext, ForbiddenException, HttpException, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../request-context/request-context.service';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { CredentialVerifier } from './credential-verifier';
import { failureKey } from './failure-key';
import { extractCredential } from './extract-credential';
import type { Identity } from './identity';
import { roleAtLeast } from './roles';
import { RoutePolicies } from './route-policies';
import { holdsScope } from './scopes';

export type AuthenticatedRequest = FastifyRequest & { identity?: Identity | null };

/**
 * The global guard: deny by default. `@Public()` routes are open (a credential, if sent, is
 * still resolved); every other route needs a credential the CredentialVerifier accepts
 * (a PAT or a JWT), a role that reaches `@Roles` (default `user`) and every `@Scopes`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly policies: RoutePolicies;

  constructor(
    reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
    private readonly context: RequestContext,
    private readonly verifier: CredentialVerifier,
  ) {
    this.policies = new RoutePolicies(reflector);
  }

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    const policy = this.policies.of(execution.getHandler(), execution.getClass());
    const credential = extractCredential(request);

    if (policy.isPublic) {
      if (credential) await this.authenticate(request, credential).catch(() => undefined);
      return true;
    }
    if (!credential) throw new UnauthorizedException('Authentication required: send a bearer token');
    const identity = await this.authenticate(request, credential);
    if (!identity) throw new UnauthorizedException('Invalid, expired or revoked credential');

    if (!roleAtLeast(identity.role, policy.minRole)) throw new ForbiddenException(`Requires role ${policy.minRole} or higher`);
    const missing = policy.scopes.filter((s) => !holdsScope(identity.role, identity.scopes, s));
    if (missing.length > 0) throw new ForbiddenException(`Token lacks scope: ${missing.join(', ')}`);
    return true;
  }

  /**
   * The verifier's verdict: the identity, or null for a credential that is not accepted. A
   * verifier that threw could not check the credential at all (the database is unreachable):
   * that is a 503, not a 401, so clients keep a valid token and retry, and it does not count as
   * a failed authentication (the cluster tier's PostgreSQL-outage test caught 401s here).
   */
  private async authenticate(request: AuthenticatedRequest, credential: string): Promise<Identity | null> {
    const source = failureKey(request.ip, credential);
    const wait = this.failures.retryAfterMs(source);
    if (wait > 0) {
      throw new HttpException({ message: 'Too many failed authentication attempts; try again later' }, 429);
    }
    let identity: Identity | null;
    try {
      identity = await this.verifier.verify(credential, request);
    } catch {
      throw new ServiceUnavailableException('Authentication is temporarily unavailable: the credential could not be checked; try again');
    }
    if (!identity) {
      await this.failures.recordFailure(source);
      return null;
    }
    request.identity = identity;
    this.context.setIdentity(identity);
    return identity;
  }
}
