import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OauthClientEntity } from './oauth-client.entity';

/** The only place that touches oauth_clients. */
@Injectable()
export class ClientsRepository {
  constructor(@InjectRepository(OauthClientEntity) private readonly clients: Repository<OauthClientEntity>) {}

  insert(client: Omit<OauthClientEntity, 'createdAt'>): Promise<OauthClientEntity> {
    return this.clients.save(this.clients.create(client));
  }

  findById(id: string): Promise<OauthClientEntity | null> {
    return this.clients.findOne({ where: { id } });
  }
}
