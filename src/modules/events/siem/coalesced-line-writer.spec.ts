import { CoalescedLineWriter } from './coalesced-line-writer';

const tick = () => new Promise((r) => setImmediate(r));

describe('CoalescedLineWriter', () => {
  it("writes one turn's lines as one chunk, in order, after the turn", async () => {
    const chunks: string[] = [];
    const writer = new CoalescedLineWriter({ write: (c) => chunks.push(c) });
    writer.write('a\n');
    writer.write('b\n');
    expect(chunks).toEqual([]);
    await tick();
    expect(chunks).toEqual(['a\nb\n']);
    writer.write('c\n');
    await tick();
    expect(chunks).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes at once when 64 KiB are pending, and flush() empties it', () => {
    const chunks: string[] = [];
    const writer = new CoalescedLineWriter({ write: (c) => chunks.push(c) });
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 64; i++) writer.write(line);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toHaveLength(64 * 1024);
    writer.write('tail\n');
    writer.flush();
    expect(chunks).toEqual([chunks[0], 'tail\n']);
    writer.flush();
    expect(chunks).toHaveLength(2);
  });
});
