import { timeOrderedId } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a UUIDv7 whose first 48 bits are the given Unix milliseconds', () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 24, 3, 0, 0, 123));
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 10, 24, 3, 0, 0, 123));
  });

  it('sorts by time across milliseconds and stays unique within one', () => {
    const earlier = timeOrderedId(1_000_000);
    const later = timeOrderedId(1_000_001);
    expect(earlier < later).toBe(true);
    const same = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(2_000_000)));
    expect(same.size).toBe(10_000);
    for (const id of same) expect(id).toMatch(UUID_V7);
  });
});
