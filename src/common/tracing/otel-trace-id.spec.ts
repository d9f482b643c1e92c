import { otelTraceId } from './otel-trace-id';

describe('otelTraceId', () => {
  it.each([
    ['a W3C trace id is kept', '4bf92f3577b34da6a3ce929d0e0e4736', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['a minted UUID loses its dashes', '0b4c2f9e-7d1a-4e3b-9c8d-1f2e3a4b5c6d', '0b4c2f9e7d1a4e3b9c8d1f2e3a4b5c6d'],
    ['an upper-case UUID is lower-cased', '0B4C2F9E-7D1A-4E3B-9C8D-1F2E3A4B5C6D', '0b4c2f9e7d1a4e3b9c8d1f2e3a4b5c6d'],
    ['upper-case hex is lower-cased', '4BF92F3577B34DA6A3CE929D0E0E4736', '4bf92f3577b34da6a3ce929d0e0e4736'],
  ])('%s', (_, input, expected) => {
    expect(otelTraceId(input)).toBe(expected);
  });

  it.each([['trace-eval-allow'], ['0'.repeat(32)], ['00000000-0000-0000-0000-000000000000']])('hashes %s to a valid, stable id', (input) => {
    const id = otelTraceId(input);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toBe('0'.repeat(32));
    expect(otelTraceId(input)).toBe(id);
  });
});
