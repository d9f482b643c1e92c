import type { Identity } from '../../../common/auth/identity';
import { roleAtLeast } from '../../../common/auth/roles';

/** Auditors and admins see every event; everyone else only events about themselves. */
export function canSeeEvent(identity: Pick<Identity, 'role' | 'userId'>, eventUserId: string | null): boolean {
  if (roleAtLeast(identity.role, 'auditor')) return true;
  return identity.userId !== null && eventUserId === identity.userId;
}
