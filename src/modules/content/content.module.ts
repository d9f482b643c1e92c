import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContentDocumentEntity } from './documents/content-document.entity';
import { ContentFilesService } from './documents/content-files.service';
import { ContentController } from './documents/content.controller';
import { ContentRepository } from './documents/content.repository';
import { ContentService } from './documents/content.service';
import { SkillsController } from './skills/skills.controller';
import { SkillsService } from './skills/skills.service';

/** Skills (services/skills) and content documents (services/content, overridden through the API). */
@Module({
  imports: [TypeOrmModule.forFeature([ContentDocumentEntity])],
  controllers: [SkillsController, ContentController],
  providers: [SkillsService, ContentFilesService, ContentRepository, ContentService],
  exports: [SkillsService],
})
export class ContentModule {}
