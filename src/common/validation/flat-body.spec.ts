import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { Allow, IsDefined, IsString } from 'class-validator';
import { FlatBody } from './flat-body';
import { createValidationPipe } from './validation.pipe';

@FlatBody()
class ToolCallDto {
  @IsString()
  tool_name!: string;

  @IsDefined()
  @Allow()
  tool_input!: unknown;
}

const pipe = createValidationPipe();
const transform = (value: unknown) => pipe.transform(value, { type: 'body', metatype: ToolCallDto });

async function messages(value: unknown): Promise<string[]> {
  try {
    await transform(value);
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    return ((err as BadRequestException).getResponse() as { message: string[] }).message;
  }
  throw new Error('expected a 400');
}

describe('the global pipe on a @FlatBody() DTO', () => {
  it('passes the body on as sent: opaque values are not copied', async () => {
    const body = { tool_name: 'Bash', tool_input: { command: 'ls', nested: [{ deep: { deeper: 1 } }] } };
    const out = (await transform(body)) as typeof body;
    expect(out).toBe(body);
    expect(out.tool_input).toBe(body.tool_input);
  });

  it('still refuses undeclared fields and checks the declared ones', async () => {
    expect(await messages({ tool_name: 'x', tool_input: {}, extra: 1 })).toEqual(['extra: property extra should not exist']);
    expect(await messages({ tool_name: 7 })).toEqual(expect.arrayContaining([expect.stringMatching(/^tool_name /), expect.stringMatching(/^tool_input /)]));
    expect(await messages({ constructor: {}, tool_name: 1, tool_input: 1 })).toEqual(expect.arrayContaining([expect.stringMatching(/^tool_name /)]));
    expect(await messages([1])).toEqual(['the request body must be a JSON object']);
  });
});
