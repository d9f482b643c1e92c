import type { ContentDocument } from './documents/content-document.types';
import type { ContentDocumentDto, ContentSummaryDto } from './documents/dto/content.dto';
import type { SkillDto, SkillSummaryDto } from './skills/dto/skill.dto';
import type { Skill } from './skills/skill.types';

export function toSkillSummary(skill: Skill): SkillSummaryDto {
  return { name: skill.name, description: skill.description, sha256: skill.sha256 };
}

export function toSkillDto(skill: Skill): SkillDto {
  return { ...toSkillSummary(skill), instructions: skill.instructions };
}

export function toContentSummary(doc: ContentDocument): ContentSummaryDto {
  return { slug: doc.slug, title: doc.title, tags: [...doc.tags], published: doc.published, source: doc.source, updated_at: doc.updatedAt.toISOString() };
}

export function toContentDocument(doc: ContentDocument): ContentDocumentDto {
  return { ...toContentSummary(doc), body: doc.body };
}
