import type { ContentDocument, ContentFilter } from './content-document.types';
import { matchesFilter, searchTerms } from './content-filter';

const doc: ContentDocument = {
  slug: 'a',
  title: 'Rotating API Keys',
  body: 'Use the vault; never paste a key.',
  tags: ['Security', 'ops'],
  published: true,
  source: 'file',
  updatedAt: new Date(0),
};
const filter = (over: Partial<ContentFilter>): ContentFilter => ({ tag: null, terms: [], includeUnpublished: false, ...over });

describe('matchesFilter', () => {
  it.each([
    ['no filter', filter({}), true],
    ['a tag, case-insensitively', filter({ tag: 'security' }), true],
    ['another tag', filter({ tag: 'billing' }), false],
    ['every term in title or body', filter({ terms: ['ROTATING', 'vault'] }), true],
    ['a term found nowhere', filter({ terms: ['rotating', 'billing'] }), false],
  ])('%s', (_, f, expected) => {
    expect(matchesFilter(doc, f)).toBe(expected);
  });

  it('hides drafts unless allowed', () => {
    expect(matchesFilter({ ...doc, published: false }, filter({}))).toBe(false);
    expect(matchesFilter({ ...doc, published: false }, filter({ includeUnpublished: true }))).toBe(true);
  });
});

describe('searchTerms', () => {
  it('splits on whitespace and ignores empty input', () => {
    expect(searchTerms('  api   keys ')).toEqual(['api', 'keys']);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms('   ')).toEqual([]);
  });
});
