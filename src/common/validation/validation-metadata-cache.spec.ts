import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, Min, registerDecorator, validate, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

const errorsOf = async (value: object) => (await validate(value)).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`);
const child = (fields: Record<string, unknown>) => Object.assign(new Child(), fields);

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('answers a repeated look-up with the same rules, found once', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(first.map((m) => m.propertyName).sort()).toEqual(['count', 'count', 'name']);
  });

  it('validates as before: inherited rules included, each failing field reported', async () => {
    expect(await errorsOf(child({ name: 'a', count: 2 }))).toEqual([]);
    expect(await errorsOf(child({ name: 7, count: 0 }))).toEqual(['count:min', 'name:isString']);
    expect(await errorsOf(Object.assign(new Base(), { name: 1 }))).toEqual(['name:isString']);
  });

  it('installing twice wraps once', () => {
    const storage = getMetadataStorage();
    const wrapped = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(wrapped);
  });

  it('a class declared after the first validation gets its rules (and its parent gains none)', async () => {
    await errorsOf(child({ name: 'warm', count: 1 }));
    class Later extends Child {
      @IsString()
      label!: string;
    }
    const later = Object.assign(new Later(), { name: 'a', count: 0, label: 3 });
    expect(validateSync(later).map((e) => e.property)).toEqual(['label', 'count']);
    expect(await errorsOf(child({ name: 'a', count: 1, label: 3 }))).toEqual([]);
  });

  it('a rule added to a class already looked up applies from then on', async () => {
    expect(await errorsOf(child({ name: 'a', count: 1, extra: 'bad' }))).toEqual([]);
    registerDecorator({ name: 'isOk', target: Child, propertyName: 'extra', validator: { validate: (value: unknown) => value === 'ok' } });
    expect(await errorsOf(child({ name: 'a', count: 1, extra: 'bad' }))).toEqual(['extra:isOk']);
    expect(await errorsOf(child({ name: 'a', count: 1, extra: 'ok' }))).toEqual([]);
  });

  it('calls with validation groups are not cached', () => {
    const storage = getMetadataStorage();
    const a = storage.getTargetValidationMetadatas(Child, '', false, false, ['g']);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['g'])).not.toBe(a);
  });
});
