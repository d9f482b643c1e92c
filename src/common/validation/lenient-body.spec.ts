import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { IsInt, IsString } from 'class-validator';
import { LenientBody, LenientBodyPipe } from './lenient-body';

@LenientBody()
class ExampleDto {
  @IsString()
  model!: string;

  @IsInt()
  max_tokens!: number;
}

const transform = (value: unknown) => LenientBodyPipe.transform(value, { type: 'body', metatype: ExampleDto });

async function rejection(value: unknown): Promise<unknown> {
  try {
    await transform(value);
  } catch (err) {
    return err;
  }
  throw new Error('expected a 400');
}

describe('LenientBodyPipe', () => {
  it.each([
    ['a body with its own "constructor" key', { constructor: {}, max_tokens: 'x' }],
    ['a "constructor" that looks like a class', { constructor: { prototype: {} }, model: 1, max_tokens: 1 }],
    ['a "constructor" naming the DTO', { constructor: 'ExampleDto' }],
  ])('denies %s that breaks the declared fields, naming each', async (_name, body) => {
    const err = await rejection(body);
    expect(err).toBeInstanceOf(BadRequestException);
    expect((err as BadRequestException).getResponse()).toMatchObject({ message: expect.arrayContaining([expect.stringMatching(/^model /)]) });
  });

  it('denies a body that is not an object', async () => {
    expect(await rejection([1])).toBeInstanceOf(BadRequestException);
  });

  it('allows a valid body, unknown fields included, and returns it as sent', async () => {
    const body = { model: 'm', max_tokens: 1, constructor: {}, extra: [1] };
    await expect(transform(body)).resolves.toBe(body);
  });
});
