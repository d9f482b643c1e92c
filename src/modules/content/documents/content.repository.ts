import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ContentFilter } from './content-document.types';
import { ContentDocumentEntity } from './content-document.entity';

/** What an API write stores. */
export interface ContentWrite {
  slug: string;
  title: string;
  body: string;
  tags: string[];
  published: boolean;
  by: string | null;
  at: Date;
}

const UPSERT_COLUMNS = `"slug", "title", "body", "tags", "published", "deleted_at", "created_by", "updated_by", "created_at", "updated_at"`;
const UPSERT_VALUES = `$1, $2, $3, $4, $5, NULL, $6, $6, $7, $7`;

/** The only place that touches content_documents. */
@Injectable()
export class ContentRepository {
  constructor(@InjectRepository(ContentDocumentEntity) private readonly docs: Repository<ContentDocumentEntity>) {}

  /** The row for a slug, tombstone or not. */
  find(slug: string): Promise<ContentDocumentEntity | null> {
    return this.docs.findOne({ where: { slug } });
  }

  /** Live rows matching the filter (the SQL twin of `matchesFilter`). */
  search(filter: ContentFilter): Promise<ContentDocumentEntity[]> {
    const qb = this.docs.createQueryBuilder('d').where('d.deleted_at IS NULL');
    if (!filter.includeUnpublished) qb.andWhere('d.published = true');
    if (filter.tag !== null) qb.andWhere('EXISTS (SELECT 1 FROM unnest(d.tags) AS t(tag) WHERE lower(t.tag) = lower(:tag))', { tag: filter.tag });
    filter.terms.forEach((term, i) => {
      qb.andWhere(`(d.title ILIKE :term${i} OR d.body ILIKE :term${i})`, { [`term${i}`]: `%${escapeLike(term)}%` });
    });
    return qb.getMany();
  }

  /** Every slug with a row, tombstones included: these hide the file document of that slug. */
  async slugs(): Promise<Set<string>> {
    const rows = await this.docs.find({ select: { slug: true } });
    return new Set(rows.map((r) => r.slug));
  }

  /** Inserts, or revives a tombstone; false when a live row holds the slug (race-free). */
  async create(doc: ContentWrite): Promise<boolean> {
    const rows: unknown[] = await this.docs.query(
      `INSERT INTO "content_documents" (${UPSERT_COLUMNS}) VALUES (${UPSERT_VALUES})
       ON CONFLICT ("slug") DO UPDATE SET ${overwrite(true)}
       WHERE "content_documents"."deleted_at" IS NOT NULL
       RETURNING "slug"`,
      params(doc),
    );
    return rows.length === 1;
  }

  /** Inserts or overwrites (keeping who created it and when). */
  async put(doc: ContentWrite): Promise<void> {
    await this.docs.query(
      `INSERT INTO "content_documents" (${UPSERT_COLUMNS}) VALUES (${UPSERT_VALUES})
       ON CONFLICT ("slug") DO UPDATE SET ${overwrite(false)}`,
      params(doc),
    );
  }

  /** Hides the file document of this slug. */
  async tombstone(slug: string, by: string | null, at: Date): Promise<void> {
    await this.docs.query(
      `INSERT INTO "content_documents" (${UPSERT_COLUMNS}) VALUES ($1, '', '', '{}', false, $3, $2, $2, $3, $3)
       ON CONFLICT ("slug") DO UPDATE SET "title" = '', "body" = '', "tags" = '{}', "published" = false,
         "deleted_at" = EXCLUDED."deleted_at", "updated_by" = EXCLUDED."updated_by", "updated_at" = EXCLUDED."updated_at"`,
      [slug, by, at],
    );
  }

  async delete(slug: string): Promise<void> {
    await this.docs.delete({ slug });
  }
}

function params(doc: ContentWrite): unknown[] {
  return [doc.slug, doc.title, doc.body, doc.tags, doc.published, doc.by, doc.at];
}

function overwrite(includeCreation: boolean): string {
  const columns = ['title', 'body', 'tags', 'published', 'deleted_at', 'updated_by', 'updated_at', ...(includeCreation ? ['created_by', 'created_at'] : [])];
  return columns.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
}

/** `%`, `_` and `\` match themselves. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
