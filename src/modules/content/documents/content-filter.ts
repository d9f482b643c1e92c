import type { ContentDocument, ContentFilter } from './content-document.types';

/**
 * The in-memory twin of ContentRepository.search, applied to file documents: published only
 * unless allowed, a tag (case-insensitive), and every term in the title or the body.
 */
export function matchesFilter(doc: ContentDocument, filter: ContentFilter): boolean {
  if (!doc.published && !filter.includeUnpublished) return false;
  if (filter.tag !== null) {
    const tag = filter.tag.toLowerCase();
    if (!doc.tags.some((t) => t.toLowerCase() === tag)) return false;
  }
  const title = doc.title.toLowerCase();
  const body = doc.body.toLowerCase();
  return filter.terms.every((term) => {
    const t = term.toLowerCase();
    return title.includes(t) || body.includes(t);
  });
}

/** `q` split on whitespace; at most 8 terms are used. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
}
