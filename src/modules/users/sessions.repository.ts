import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { SessionEntity } from './entities/session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>) {}

  create(session: Pick<SessionEntity, 'userId' | 'kind' | 'clientId' | 'expiresAt'>): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create(session));
  }

  findById(id: string): Promise<SessionEntity | null> {
    return this.sessions.findOne({ where: { id } });
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.sessions.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
