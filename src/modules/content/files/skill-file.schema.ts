import { createHash } from 'node:crypto';
import { z } from 'zod';
import { describeIssue } from '../../../bootstrap/zod-issue';
import type { Skill } from '../skills/skill.types';
import { type FileResult, fileProblem } from './file-result';
import { parseFrontMatter } from './front-matter';
import type { MarkdownFile } from './markdown-files.loader';

export const SKILL_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * The front matter of a skill. Other keys are allowed and ignored, so a Claude `SKILL.md`
 * (`license`, `allowed-tools`, `metadata`, …) can be dropped in unchanged.
 */
const skillFrontMatter = z.object({
  name: z.string().regex(SKILL_NAME, 'lower-case letters, digits, "-" and "_" (max 63)'),
  description: z.string().trim().min(1, 'must not be empty').max(1024),
});

export function parseSkillFile({ file, text }: MarkdownFile): FileResult<Skill> {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return fileProblem(file, parsed.field, parsed.reason);
  const result = skillFrontMatter.safeParse(parsed.document.attributes);
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    return fileProblem(file, field, reason);
  }
  const instructions = parsed.document.body.trim();
  if (instructions === '') return fileProblem(file, '(body)', 'the instructions after the front matter are empty');
  const sha256 = createHash('sha256').update(instructions).digest('hex');
  return { file, ok: true, value: { name: result.data.name, description: result.data.description, instructions, sha256, file } };
}
