import { ServiceUnavailableException } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { RequestContext } from '../request-context/request-context.service';
import type { AuthFailureLimiter } from './auth-failure.limiter';
import { AuthGuard } from './auth.guard';

describe('AuthGuard.handleRequest', () => {
  const guard = new AuthGuard({} as Reflector, {} as AuthFailureLimiter, {} as RequestContext);

  it('a credential that could not be checked (a strategy threw) is a 503, not a 401', () => {
    expect(() => guard.handleRequest(new Error('connect ECONNREFUSED 127.0.0.1:5432'), false)).toThrow(ServiceUnavailableException);
  });

  it('a credential no strategy accepts is null (the guard answers 401)', () => {
    expect(guard.handleRequest(null, false)).toBeNull();
  });

  it('an accepted credential is its identity', () => {
    const identity = { userId: 'u1' };
    expect(guard.handleRequest(null, identity)).toBe(identity);
  });
});
