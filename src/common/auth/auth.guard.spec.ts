import { ForbiddenException, HttpException, ServiceUnavailableException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RequestContext } from '../request-context/request-context.service';
import type { AuthFailureLimiter } from './auth-failure.limiter';
import { AuthGuard, type AuthenticatedRequest } from './auth.guard';
import type { CredentialVerifier } from './credential-verifier';
import type { Identity } from './identity';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_SCOPES } from './scopes.decorator';

const identity = { principal: 'user', userId: 'u1', tenantId: 't1', role: 'developer', scopes: null, sessionId: 's1', clientId: null, credentialId: 'c1', credential: 'pat' } as Identity;

function setup(verify: CredentialVerifier['verify'], metadata: Record<string, unknown> = {}, retryAfterMs = 0) {
  const failures = { retryAfterMs: jest.fn(() => retryAfterMs), recordFailure: jest.fn(async () => undefined) };
  const context = { setIdentity: jest.fn() };
  const guard = new AuthGuard(new Reflector(), failures as unknown as AuthFailureLimiter, context as unknown as RequestContext, { verify } as CredentialVerifier);
  const handler = () => undefined;
  for (const [key, value] of Object.entries(metadata)) Reflect.defineMetadata(key, value, handler);
  const request = { headers: { authorization: 'Bearer sp-live-0123456789ab.' + 'a'.repeat(52) }, ip: '127.0.0.1', url: '/api/v1/x' } as unknown as AuthenticatedRequest;
  const execution = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => request }), getHandler: () => handler, getClass: () => class {} } as unknown as ExecutionContext;
  return { guard, failures, context, request, execution };
}

describe('AuthGuard', () => {
  it('admits an accepted credential and puts its identity on the request and the context', async () => {
    const { guard, request, execution, context, failures } = setup(async () => identity);
    await expect(guard.canActivate(execution)).resolves.toBe(true);
    expect(request.identity).toBe(identity);
    expect(context.setIdentity).toHaveBeenCalledWith(identity);
    expect(failures.recordFailure).not.toHaveBeenCalled();
  });

  it('answers 401 to a credential nobody accepts, and counts the failure', async () => {
    const { guard, execution, failures } = setup(async () => null);
    await expect(guard.canActivate(execution)).rejects.toThrow(UnauthorizedException);
    expect(failures.recordFailure).toHaveBeenCalledWith('127.0.0.1|pat:0123456789ab');
  });

  it('answers 401 without a credential and never asks the verifier', async () => {
    const verify = jest.fn(async () => identity);
    const { guard, request, execution } = setup(verify);
    request.headers = {};
    await expect(guard.canActivate(execution)).rejects.toThrow(UnauthorizedException);
    expect(verify).not.toHaveBeenCalled();
  });

  it('a credential that could not be checked (the verifier threw) is a 503, not a 401, and not a failure', async () => {
    const { guard, execution, failures } = setup(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    await expect(guard.canActivate(execution)).rejects.toThrow(ServiceUnavailableException);
    expect(failures.recordFailure).not.toHaveBeenCalled();
  });

  it('refuses with 429 while the source is locked out, before checking anything', async () => {
    const verify = jest.fn(async () => identity);
    const { guard, execution } = setup(verify, {}, 5000);
    await expect(guard.canActivate(execution)).rejects.toThrow(HttpException);
    expect(verify).not.toHaveBeenCalled();
  });

  it('requires every @Scopes scope of the route', async () => {
    const { guard, execution } = setup(async () => ({ ...identity, scopes: ['mcp:read'] }), { [REQUIRED_SCOPES]: ['hook:govern'] });
    await expect(guard.canActivate(execution)).rejects.toThrow(ForbiddenException);
  });

  it('opens @Public routes, resolving a credential when one is sent and ignoring a broken one', async () => {
    const ok = setup(async () => identity, { [IS_PUBLIC]: true });
    await expect(ok.guard.canActivate(ok.execution)).resolves.toBe(true);
    expect(ok.request.identity).toBe(identity);
    const broken = setup(async () => {
      throw new Error('down');
    }, { [IS_PUBLIC]: true });
    await expect(broken.guard.canActivate(broken.execution)).resolves.toBe(true);
    expect(broken.request.identity).toBeUndefined();
  });
});
