import { parseDocumentFile } from './document-file.schema';
import { parseSkillFile } from './skill-file.schema';

const at = new Date('2026-01-01T00:00:00Z');
const doc = (file: string, text: string) => parseDocumentFile({ file, text, modifiedAt: at });
const skill = (text: string) => parseSkillFile({ file: '/s/skills/x.md', text, modifiedAt: at });

describe('skill files', () => {
  it('reads name, description and the body as instructions, with its SHA-256', () => {
    const result = skill('---\nname: summarise\ndescription: Short\nlicense: MIT\n---\nDo it.\n');
    expect(result).toMatchObject({ ok: true, value: { name: 'summarise', description: 'Short', instructions: 'Do it.', file: '/s/skills/x.md' } });
    expect(result.ok && result.value.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a missing name', '---\ndescription: d\n---\nbody', 'name'],
    ['a bad name', '---\nname: Not OK\ndescription: d\n---\nbody', 'name'],
    ['a missing description', '---\nname: a\n---\nbody', 'description'],
    ['an empty description', '---\nname: a\ndescription: "  "\n---\nbody', 'description'],
    ['empty instructions', '---\nname: a\ndescription: d\n---\n\n', '(body)'],
    ['no front matter', 'body', '(front matter)'],
  ])('names the field for %s', (_, text, field) => {
    expect(skill(text)).toMatchObject({ ok: false, file: '/s/skills/x.md', field });
  });
});

describe('content files', () => {
  it('defaults the slug to the file name, tags to none and published to true', () => {
    expect(doc('/s/content/guides/intro.md', '---\ntitle: Intro\n---\nHello')).toEqual({
      file: '/s/content/guides/intro.md',
      ok: true,
      value: { slug: 'intro', title: 'Intro', body: 'Hello', tags: [], published: true, source: 'file', updatedAt: at },
    });
  });

  it('takes slug, tags and published from the front matter', () => {
    const result = doc('/s/content/Whatever Name.md', '---\ntitle: T\nslug: my-doc\ntags: [a, B]\npublished: false\n---\n');
    expect(result).toMatchObject({ ok: true, value: { slug: 'my-doc', tags: ['a', 'B'], published: false } });
  });

  it.each([
    ['a missing title', '---\ntags: []\n---\n', 'title'],
    ['"yes" as published', '---\ntitle: T\npublished: "yes"\n---\n', 'published'],
    ['a misspelt key', '---\ntitle: T\npublised: false\n---\n', 'publised'],
    ['a bad slug', '---\ntitle: T\nslug: Bad_Slug\n---\n', 'slug'],
    ['the reserved slug', '---\ntitle: T\nslug: skills\n---\n', 'slug'],
    ['tags that are not a list', '---\ntitle: T\ntags: a\n---\n', 'tags'],
  ])('names the field for %s', (_, text, field) => {
    expect(doc('/s/content/a.md', text)).toMatchObject({ ok: false, file: '/s/content/a.md', field });
  });

  it('refuses a file name that cannot be a slug when no slug is given', () => {
    expect(doc('/s/content/Read Me.md', '---\ntitle: T\n---\n')).toMatchObject({ ok: false, field: 'slug', reason: expect.stringContaining("'Read Me'") });
  });
});
