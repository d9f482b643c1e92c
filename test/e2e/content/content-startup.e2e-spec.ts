import { join } from 'node:path';
import { attemptStart, type BuiltServer, builtServer } from './built-server';

/** Invalid services files refuse the start of the built server with one line naming file and field. */
describe('content files at start (e2e, built server)', () => {
  let server: BuiltServer;
  beforeAll(() => {
    server = builtServer();
  }, 180_000);
  afterAll(() => server.dispose());

  const GOOD_SKILL = '---\nname: ok\ndescription: Fine\n---\nBody.\n';

  it.each([
    ['a skill without a description', { 'skills/bad.md': '---\nname: bad\n---\nBody.\n' }, 'skills/bad.md', 'description'],
    ['a skill without front matter', { 'skills/bad.md': '# Just markdown\n' }, 'skills/bad.md', '(front matter)'],
    ['a document whose published is not a boolean', { 'content/a/doc.md': '---\ntitle: T\npublished: "yes"\n---\n' }, 'content/a/doc.md', 'published'],
    ['two documents with one slug', { 'content/a.md': '---\ntitle: A\nslug: same\n---\n', 'content/z/b.md': '---\ntitle: B\nslug: same\n---\n' }, 'content/z/b.md', 'slug'],
  ])('refuses %s', (_, files, badFile, field) => {
    const result = attemptStart(server, { 'skills/ok.md': GOOD_SKILL, ...files });
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Bootstrap failed at stage config: ${join(result.services, badFile)}: ${field}: `);
  }, 120_000);
});
