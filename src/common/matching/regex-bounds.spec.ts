import { unboundedQuantifiers } from './regex-bounds';

describe('unboundedQuantifiers', () => {
  it.each([
    ['a{1,10}b{3}', []],
    ['[*+]{0,5}\\*\\+', []],
    ['[\\]*]x', []],
    ['a+', ['+ at 1']],
    ['(?:ab)*c', ['* at 6']],
    ['x{2,}', ['{2,} at 1']],
    ['a+?b*?', ['+ at 1', '* at 4']],
  ])('%j → %j', (source, expected) => {
    expect(unboundedQuantifiers(source)).toEqual(expected);
  });
});
