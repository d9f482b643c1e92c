import { randomUUID } from 'node:crypto';
import { ROLES, type Role, roleAtLeast } from '../../../src/common/auth/roles';
import { scopeAllowedForRole } from '../../../src/common/auth/scopes';
import { createUser } from '../../factories/user.factory';
import { routeCatalogue, type RouteRequirement } from '../../utils/route-catalogue';
import { createTestApp, type TestApp } from '../../utils/test-app';

/**
 * Every registered route × every role, generated from the routes' own metadata: a new endpoint
 * is covered the moment it exists. Anonymous → 401 unless public; a role below the route's
 * minimum (or one that cannot hold a required scope) → 403; otherwise anything but 401/403.
 */
describe('authorization matrix (e2e)', () => {
  let t: TestApp;
  const callers = new Map<Role, { id: string; token: string } | null>();
  let routes: RouteRequirement[];

  beforeAll(async () => {
    t = await createTestApp({ redis: false });
    callers.set('anonymous', null);
    for (const role of ROLES.filter((r) => r !== 'anonymous')) callers.set(role, await createUser(t, { role }));
    routes = routeCatalogue(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  function expectation(route: RouteRequirement, role: Role): 'open' | 401 | 403 {
    if (route.isPublic) return 'open';
    if (role === 'anonymous') return 401;
    if (!roleAtLeast(role, route.minRole)) return 403;
    if (route.scopes.some((s) => !scopeAllowedForRole(s, role))) return 403;
    return 'open';
  }

  function concretePath(route: RouteRequirement, callerId: string | null): string {
    // The caller's own id, except as the target of a DELETE (nobody may delete themself).
    const deletesId = route.method === 'DELETE' && route.path.endsWith(':id');
    return route.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
      if (name === 'id' && !deletesId && callerId) return callerId;
      return name.toLowerCase().endsWith('id') || name === 'id' ? randomUUID() : 'matrix-probe';
    });
  }

  it('covers the registered routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(11);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/users/me', 'POST /api/v1/users', 'GET /health']));
  });

  it('every route answers every role as its metadata says', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      for (const role of ROLES) {
        const expected = expectation(route, role);
        if (expected === 'open' && route.streams) continue;
        const caller = callers.get(role) ?? null;
        const res = await t.inject({
          method: route.method as 'GET',
          url: concretePath(route, caller?.id ?? null),
          headers: caller ? { authorization: `Bearer ${caller.token}` } : {},
          payload: ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined,
        });
        checked++;
        const ok = expected === 'open' ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === expected;
        if (!ok) failures.push(`${route.method} ${route.path} as ${role}: expected ${expected}, got ${res.statusCode}`);
      }
    }
    process.stdout.write(`authorization matrix: ${routes.length} routes × ${ROLES.length} roles, ${checked} requests checked\n`);
    expect(failures).toEqual([]);
  });
});
