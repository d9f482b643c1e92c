import 'reflect-metadata';
import { metadataOnce } from './metadata-once';

describe('metadataOnce', () => {
  it('reads a target once, absent values included, and keeps targets apart', () => {
    const key = Symbol('k');
    class Marked {}
    class Plain {}
    Reflect.defineMetadata(key, { a: 1 }, Marked);
    const read = metadataOnce<{ a: number }>(key);
    const spy = jest.spyOn(Reflect, 'getMetadata');
    expect(read(Marked)).toEqual({ a: 1 });
    expect(read(Marked)).toEqual({ a: 1 });
    expect(read(Plain)).toBeUndefined();
    expect(read(Plain)).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });
});
