import { Injectable } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { type Role, roleAtLeast } from '../../common/auth/roles';
import { DomainEventPublisher } from '../../common/events/domain-event.publisher';
import type { UserStatus } from './entities/user.entity';
import type { UserEntity } from './entities/user.entity';
import { IdentityCache } from './identity-cache';
import { UsersError } from './users.errors';
import { UsersRepository } from './users.repository';

export interface UserPatch {
  email?: string;
  name?: string;
  role?: Exclude<Role, 'anonymous'>;
  status?: UserStatus;
}

/** User use cases. Who may do what is decided here, not in the controller. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly cache: IdentityCache,
    private readonly events: DomainEventPublisher,
  ) {}

  async create(actor: Identity, input: { email: string; name: string; role: Exclude<Role, 'anonymous'> }, traceId: string): Promise<UserEntity> {
    const user = await this.users.insert({ tenantId: actor.tenantId, email: input.email.trim(), name: input.name.trim(), role: input.role });
    if (!user) throw new UsersError('EMAIL_TAKEN', `A user with email ${input.email} already exists`);
    this.events.emit('user.created', { trace_id: traceId, user_id: actor.userId, tenant_id: user.tenantId, created_user_id: user.id, email: user.email, role: user.role });
    return user;
  }

  list(actor: Identity, offset: number, limit: number): Promise<[UserEntity[], number]> {
    return this.users.list(actor.tenantId, offset, limit);
  }

  async get(actor: Identity, id: string): Promise<UserEntity> {
    this.assertSelfOrAdmin(actor, id);
    const user = await this.users.findById(id);
    if (!user || user.tenantId !== actor.tenantId) throw new UsersError('USER_NOT_FOUND', `User ${id} not found`);
    return user;
  }

  async me(actor: Identity): Promise<UserEntity> {
    if (!actor.userId) throw new UsersError('USER_NOT_FOUND', 'This credential does not belong to a user');
    return this.get(actor, actor.userId);
  }

  async update(actor: Identity, id: string, patch: UserPatch): Promise<UserEntity> {
    const isAdmin = roleAtLeast(actor.role, 'admin');
    if (patch.role !== undefined && id === actor.userId) throw new UsersError('OWN_ROLE_CHANGE', 'You may not change your own role');
    if (!isAdmin && (patch.role !== undefined || patch.status !== undefined || patch.email !== undefined || id !== actor.userId)) {
      throw new UsersError('FORBIDDEN', 'Only an admin may change role, status, email or another user');
    }
    await this.get(actor, id);
    const updated = await this.users.update(id, patch);
    if (updated === 'taken') throw new UsersError('EMAIL_TAKEN', `A user with email ${patch.email} already exists`);
    if (!updated) throw new UsersError('USER_NOT_FOUND', `User ${id} not found`);
    if (patch.role !== undefined || patch.status !== undefined) await this.cache.invalidate({ kind: 'user', id });
    return updated;
  }

  async remove(actor: Identity, id: string): Promise<void> {
    if (id === actor.userId) throw new UsersError('FORBIDDEN', 'You may not delete yourself');
    await this.get(actor, id);
    await this.users.delete(id);
    await this.cache.invalidate({ kind: 'user', id });
  }

  /** Lookup by id or email, for the CLI. */
  async find(actor: Identity, idOrEmail: string): Promise<UserEntity> {
    const user = /^[0-9a-f-]{36}$/i.test(idOrEmail) ? await this.users.findById(idOrEmail) : await this.users.findByEmail(actor.tenantId, idOrEmail);
    if (!user) throw new UsersError('USER_NOT_FOUND', `User ${idOrEmail} not found`);
    return user;
  }

  private assertSelfOrAdmin(actor: Identity, id: string): void {
    if (id !== actor.userId && !roleAtLeast(actor.role, 'admin')) throw new UsersError('FORBIDDEN', 'You may only see your own account');
  }
}
