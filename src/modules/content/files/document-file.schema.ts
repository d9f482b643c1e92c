import { basename, extname } from 'node:path';
import { z } from 'zod';
import { describeIssue } from '../../../bootstrap/zod-issue';
import { type ContentDocument, RESERVED_SLUGS, SLUG_PATTERN, TAG_MAX, TAGS_MAX, TITLE_MAX } from '../documents/content-document.types';
import { type FileResult, fileProblem } from './file-result';
import { parseFrontMatter } from './front-matter';
import type { MarkdownFile } from './markdown-files.loader';

const slug = z
  .string()
  .regex(SLUG_PATTERN, 'lower-case letters, digits and "-" (max 128), starting with a letter or digit')
  .refine((s) => !(RESERVED_SLUGS as readonly string[]).includes(s), 'is reserved');

/** Strict: a misspelt `publised: false` must not silently publish a draft. */
const documentFrontMatter = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(TITLE_MAX),
  slug: slug.optional(),
  tags: z.array(z.string().trim().min(1).max(TAG_MAX)).max(TAGS_MAX).default([]),
  published: z.boolean().default(true),
});

/** The slug defaults to the file name without its extension. */
export function parseDocumentFile({ file, text, modifiedAt }: MarkdownFile): FileResult<ContentDocument> {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return fileProblem(file, parsed.field, parsed.reason);
  const result = documentFrontMatter.safeParse(parsed.document.attributes);
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    return fileProblem(file, field, reason);
  }
  const { title, tags, published } = result.data;
  const fromName = basename(file, extname(file));
  const resolved = result.data.slug ?? fromName;
  if (result.data.slug === undefined && !slug.safeParse(fromName).success) {
    return fileProblem(file, 'slug', `the file name '${fromName}' is not a valid slug; set slug in the front matter`);
  }
  return { file, ok: true, value: { slug: resolved, title, body: parsed.document.body, tags, published, source: 'file', updatedAt: modifiedAt } };
}
