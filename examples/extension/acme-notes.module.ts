import { Body, Controller, Get, Injectable, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { SystempromptExtension } from '../../src';
import { CurrentIdentity, Roles, type Identity } from '../../src';

/** A company's own table, created by the extension's migration after the core's. */
export class CreateAcmeNotes1800000000000 implements MigrationInterface {
  name = 'CreateAcmeNotes1800000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "acme_notes" ("id" serial PRIMARY KEY, "user_id" uuid NOT NULL, "text" text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "acme_notes"`);
  }
}

class CreateNoteDto {
  @IsString()
  @Length(1, 500)
  text: string;
}

@Injectable()
class AcmeNotesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}
  async add(userId: string, text: string): Promise<{ id: number }> {
    const rows: { id: number }[] = await this.db.query(`INSERT INTO acme_notes (user_id, text) VALUES ($1, $2) RETURNING id`, [userId, text]);
    return rows[0]!;
  }
  list(userId: string): Promise<{ id: number; text: string }[]> {
    return this.db.query(`SELECT id, text FROM acme_notes WHERE user_id = $1 ORDER BY id`, [userId]);
  }
}

/** Routes of the extension get the gateway's auth guard, validation and error shapes for free. */
@Controller('api/v1/acme/notes')
class AcmeNotesController {
  constructor(private readonly notes: AcmeNotesService) {}
  @Post()
  @Roles('developer')
  add(@CurrentIdentity() who: Identity, @Body() body: CreateNoteDto) {
    return this.notes.add(who.userId!, body.text);
  }
  @Get()
  list(@CurrentIdentity() who: Identity) {
    return this.notes.list(who.userId!);
  }
}

@Module({ controllers: [AcmeNotesController], providers: [AcmeNotesService] })
export class AcmeNotesModule {}

export const acmeNotesExtension: SystempromptExtension = {
  name: 'acme-notes',
  version: '1.0.0',
  module: AcmeNotesModule,
  migrations: [CreateAcmeNotes1800000000000],
  validateConfig: (config) => (config.security.jwt_audiences.length === 0 ? 'acme-notes needs at least one JWT audience' : undefined),
};
