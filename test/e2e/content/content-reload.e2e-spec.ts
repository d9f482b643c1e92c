import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bearer } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';

const POLL_EVERY_MS = 25;

/** Polls `probe` until it returns true or the deadline passes: no fixed sleeps, no timing thresholds. */
async function eventually(probe: () => Promise<boolean> | boolean, what: string, deadlineMs = 15_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  throw new Error(`not within ${deadlineMs} ms: ${what}`);
}

describe('content and skills reload on file change (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    // No content/ folder at start: it is picked up when it appears.
    t = await createTestApp({
      services: { 'skills/summarise.md': '---\nname: summarise\ndescription: Version one\n---\nOne.\n' },
      logDestination: { write: (line: string) => lines.push(line) },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const write = (file: string, text: string) => {
    const path = join(t.dir, 'services', file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const json = async (url: string) => (await t.inject({ method: 'GET', url, headers: bearer(t.adminToken) })).json();
  const skill = async () => (await json('/api/v1/content/skills/summarise')) as { description?: string; instructions?: string };

  it('picks up an edited skill', async () => {
    write('skills/summarise.md', '---\nname: summarise\ndescription: Version two\n---\nTwo.\n');
    await eventually(async () => (await skill()).description === 'Version two', 'the edited skill is served');
    expect((await skill()).instructions).toBe('Two.');
  });

  it('keeps the previous version of a skill whose new version is invalid, and logs why', async () => {
    const path = write('skills/summarise.md', '---\nname: summarise\n---\nThree.\n');
    await eventually(() => lines.some((l) => l.includes('skill file refused') && l.includes(path) && l.includes('description')), 'the refusal is logged');
    expect(await skill()).toMatchObject({ description: 'Version two', instructions: 'Two.' });
  });

  it('adds a new skill and drops a removed one', async () => {
    const path = write('skills/review.md', '---\nname: review\ndescription: Review\n---\nReview it.\n');
    await eventually(async () => (await json('/api/v1/content/skills')).total === 2, 'the new skill is listed');
    rmSync(path);
    await eventually(async () => (await json('/api/v1/content/skills')).total === 1, 'the removed skill is gone');
  });

  it('picks up a content folder created after the start, including sub-folders', async () => {
    write('content/guides/intro.md', '---\ntitle: Intro\ntags: [a]\n---\nHello.\n');
    await eventually(async () => (await json('/api/v1/content')).total === 1, 'the new document is listed');
    expect(await json('/api/v1/content/intro')).toMatchObject({ title: 'Intro', body: 'Hello.\n', source: 'file' });
  });

  it('keeps the previous version of a document whose front matter turns invalid', async () => {
    const path = write('content/guides/intro.md', '---\ntitle: Intro\npublished: "yes"\n---\nChanged.\n');
    await eventually(() => lines.some((l) => l.includes('content file refused') && l.includes(path) && l.includes('published')), 'the refusal is logged');
    expect(await json('/api/v1/content/intro')).toMatchObject({ title: 'Intro', body: 'Hello.\n' });
    write('content/guides/intro.md', '---\ntitle: Intro, fixed\n---\nFixed.\n');
    await eventually(async () => (await json('/api/v1/content/intro')).title === 'Intro, fixed', 'the fixed document is served');
  });
});
