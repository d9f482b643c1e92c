import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { type FileResult, fileProblem } from './file-result';
import { ReloadableFileSet } from './reloadable-file-set';

interface Item {
  key: string;
  v: number;
}
const ok = (file: string, key: string, v: number): FileResult<Item> => ({ file, ok: true, value: { key, v } });

describe('ReloadableFileSet', () => {
  const make = () => new ReloadableFileSet<Item>((i) => i.key, 'name');

  it('refuses the start at the first bad file, naming the file and the field', () => {
    const set = make();
    expect(() => set.load([ok('a.md', 'a', 1), fileProblem('b.md', 'description', 'Required')])).toThrow(
      new BootstrapError('config', 'b.md', 'description', 'Required'),
    );
  });

  it('refuses the start when two files define the same key', () => {
    expect(() => make().load([ok('a.md', 'x', 1), ok('b.md', 'x', 2)])).toThrow("b.md: name: 'x' is already defined in a.md");
  });

  it('keeps the previous version of a file that turns bad on reload, and reports it', () => {
    const set = make();
    set.load([ok('a.md', 'a', 1), ok('b.md', 'b', 1)]);
    const problems = set.reload([ok('a.md', 'a', 2), fileProblem('b.md', 'name', 'bad')]);
    expect(problems).toEqual([fileProblem('b.md', 'name', 'bad')]);
    expect(set.get('a')).toEqual({ key: 'a', v: 2 });
    expect(set.get('b')).toEqual({ key: 'b', v: 1 });
  });

  it('drops removed files, adds new ones, and skips a bad new file', () => {
    const set = make();
    set.load([ok('a.md', 'a', 1)]);
    expect(set.reload([ok('c.md', 'c', 1), fileProblem('d.md', 'name', 'bad')])).toHaveLength(1);
    expect(set.values().map((i) => i.key)).toEqual(['c']);
  });

  it('on reload, keeps the first owner of a key and reports the second', () => {
    const set = make();
    set.load([ok('a.md', 'a', 1)]);
    expect(set.reload([ok('a.md', 'a', 1), ok('b.md', 'a', 2)])).toEqual([fileProblem('b.md', 'name', "'a' is already defined in a.md")]);
    expect(set.get('a')).toEqual({ key: 'a', v: 1 });
  });
});
