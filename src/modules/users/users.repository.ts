import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Role } from '../../common/auth/roles';
import { UserEntity, type UserStatus } from './entities/user.entity';

const UNIQUE_VIOLATION = '23505';

/** The only place that touches the users table. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  findByEmail(tenantId: string, email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('u.tenant_id = :tenantId AND lower(u.email) = lower(:email)', { tenantId, email }).getOne();
  }

  /** Null when the email is taken in the tenant (the unique index decides, race-free). */
  async insert(user: { tenantId: string; email: string; name: string; role: Role }): Promise<UserEntity | null> {
    try {
      return await this.users.save(this.users.create({ ...user, status: 'active' }));
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw err;
    }
  }

  async list(tenantId: string | null, offset: number, limit: number): Promise<[UserEntity[], number]> {
    return this.users.findAndCount({ where: tenantId ? { tenantId } : {}, order: { createdAt: 'ASC' }, skip: offset, take: limit });
  }

  async update(id: string, patch: { name?: string; role?: Role; status?: UserStatus; email?: string }): Promise<UserEntity | null | 'taken'> {
    try {
      await this.users.update({ id }, patch);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return 'taken';
      throw err;
    }
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.users.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  countByRole(role: Role): Promise<number> {
    return this.users.count({ where: { role } });
  }
}
