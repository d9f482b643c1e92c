import { parseFrontMatter } from './front-matter';

describe('parseFrontMatter', () => {
  it('splits the YAML block from the body', () => {
    const result = parseFrontMatter('---\nname: a\ntags: [x, y]\n---\n\n# Body\ntext\n');
    expect(result).toEqual({ ok: true, document: { attributes: { name: 'a', tags: ['x', 'y'] }, body: '# Body\ntext\n' } });
  });

  it('accepts CRLF line ends, a byte-order mark and "..." as the closing line', () => {
    const result = parseFrontMatter('\uFEFF---\r\nname: a\r\n...\r\nbody');
    expect(result).toEqual({ ok: true, document: { attributes: { name: 'a' }, body: 'body' } });
  });

  it('treats an empty block as no attributes', () => {
    expect(parseFrontMatter('---\n---\nbody')).toEqual({ ok: true, document: { attributes: {}, body: 'body' } });
  });

  it.each([
    ['no block', '# Title\n', 'missing: the file must start with a "---" line'],
    ['an unclosed block', '---\nname: a\n', 'not closed: no "---" line after the opening one'],
    ['a list', '---\n- a\n- b\n---\n', 'must be a mapping of keys to values'],
    ['a scalar', '---\njust text\n---\n', 'must be a mapping of keys to values'],
  ])('refuses %s', (_, text, reason) => {
    expect(parseFrontMatter(text)).toEqual({ ok: false, field: '(front matter)', reason });
  });

  it('reports invalid YAML with its line in the file', () => {
    const result = parseFrontMatter('---\nname: a\ndescription: [unclosed\n---\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^invalid YAML at line \d+: /);
  });
});
