import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/common/auth/roles';
import type { TestApp } from '../utils/test-app';

export interface CreatedUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  tokenId: string;
}

/** Pure: the body of a new user. */
export function buildUser(overrides: Partial<{ email: string; name: string; role: Role }> = {}) {
  const tag = randomBytes(4).toString('hex');
  return { email: `user-${tag}@example.com`, name: `User ${tag}`, role: 'user' as Role, ...overrides };
}

/** Persisted through the API as the admin, with a PAT of its own. */
export async function createUser(t: TestApp, overrides: Partial<{ email: string; name: string; role: Role }> = {}, scopes?: string[]): Promise<CreatedUser> {
  const body = buildUser(overrides);
  const created = await t.inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${t.adminToken}` }, payload: body });
  if (created.statusCode !== 201) throw new Error(`createUser: ${created.statusCode} ${created.body}`);
  const user = created.json() as { id: string; email: string; role: Role };
  const issued = await t.inject({
    method: 'POST',
    url: `/api/v1/users/${user.id}/tokens`,
    headers: { authorization: `Bearer ${t.adminToken}` },
    payload: scopes ? { name: 'test', scopes } : { name: 'test' },
  });
  if (issued.statusCode !== 201) throw new Error(`createUser token: ${issued.statusCode} ${issued.body}`);
  const token = issued.json() as { id: string; token: string };
  return { id: user.id, email: user.email, role: user.role, token: token.token, tokenId: token.id };
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
