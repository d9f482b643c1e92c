import { Injectable } from '@nestjs/common';
import type { Identity } from '../../../common/auth/identity';
import { roleAtLeast } from '../../../common/auth/roles';
import { Clock } from '../../../common/clock/clock.provider';
import { ContentError } from '../content.errors';
import type { ContentDocument, ContentFilter } from './content-document.types';
import type { ContentDocumentEntity } from './content-document.entity';
import { ContentFilesService } from './content-files.service';
import { matchesFilter, searchTerms } from './content-filter';
import { ContentRepository, type ContentWrite } from './content.repository';

export interface ContentQuery {
  tag?: string;
  q?: string;
  offset: number;
  limit: number;
}

export interface ContentFields {
  title: string;
  body: string;
  tags?: string[];
  published?: boolean;
}

/**
 * Content documents: the files of services/content are the seed, database rows written through
 * the API override them by slug, and a tombstone row hides a deleted file document. Callers
 * below admin see published documents only; a draft answers 404 to them, like a missing one.
 */
@Injectable()
export class ContentService {
  constructor(
    private readonly files: ContentFilesService,
    private readonly repository: ContentRepository,
    private readonly clock: Clock,
  ) {}

  /** Sorted by slug, so pages are stable. */
  async list(identity: Identity, query: ContentQuery): Promise<{ items: ContentDocument[]; total: number }> {
    const filter: ContentFilter = { tag: query.tag?.trim() || null, terms: searchTerms(query.q), includeUnpublished: isAdmin(identity) };
    const rows = await this.repository.search(filter);
    const shadowed = await this.repository.slugs();
    const fromFiles = this.files.list().filter((doc) => !shadowed.has(doc.slug) && matchesFilter(doc, filter));
    const all = [...rows.map(toDocument), ...fromFiles].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return { items: all.slice(query.offset, query.offset + query.limit), total: all.length };
  }

  async get(identity: Identity, slug: string): Promise<ContentDocument> {
    const doc = await this.current(slug);
    if (!doc || (!doc.published && !isAdmin(identity))) throw notFound(slug);
    return doc;
  }

  async create(actor: Identity, slug: string, fields: ContentFields): Promise<ContentDocument> {
    const row = await this.repository.find(slug);
    const taken = row ? row.deletedAt === null : this.files.get(slug) !== null;
    if (taken || !(await this.repository.create(this.write(actor, slug, fields)))) {
      throw new ContentError('SLUG_TAKEN', `A document with slug '${slug}' already exists`);
    }
    return this.mustExist(slug);
  }

  /** Replaces the whole document; a file document gets a database row that overrides it. */
  async replace(actor: Identity, slug: string, fields: ContentFields): Promise<ContentDocument> {
    if (!(await this.current(slug))) throw notFound(slug);
    await this.repository.put(this.write(actor, slug, fields));
    return this.mustExist(slug);
  }

  /** A file document leaves a tombstone (the file stays on disk); a database one is removed. */
  async remove(actor: Identity, slug: string): Promise<void> {
    if (!(await this.current(slug))) throw notFound(slug);
    if (this.files.get(slug)) await this.repository.tombstone(slug, actor.userId, this.clock.now());
    else await this.repository.delete(slug);
  }

  /** The effective document for a slug: its live row, else its file unless a tombstone hides it. */
  private async current(slug: string): Promise<ContentDocument | null> {
    const row = await this.repository.find(slug);
    if (row) return row.deletedAt === null ? toDocument(row) : null;
    return this.files.get(slug);
  }

  private async mustExist(slug: string): Promise<ContentDocument> {
    const doc = await this.current(slug);
    if (!doc) throw notFound(slug);
    return doc;
  }

  private write(actor: Identity, slug: string, fields: ContentFields): ContentWrite {
    return { slug, title: fields.title, body: fields.body, tags: fields.tags ?? [], published: fields.published ?? true, by: actor.userId, at: this.clock.now() };
  }
}

function isAdmin(identity: Identity): boolean {
  return roleAtLeast(identity.role, 'admin');
}

function notFound(slug: string): ContentError {
  return new ContentError('DOCUMENT_NOT_FOUND', `Document '${slug}' not found`);
}

function toDocument(row: ContentDocumentEntity): ContentDocument {
  return { slug: row.slug, title: row.title, body: row.body, tags: row.tags, published: row.published, source: 'database', updatedAt: row.updatedAt };
}
