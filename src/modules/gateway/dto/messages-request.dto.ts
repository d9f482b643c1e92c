import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LenientBody } from '../../../common/validation/lenient-body';

/**
 * The model name is recorded with every request; PostgreSQL cannot store NUL, and one such row
 * blocked the recorder's batches (found by the fuzz tier). Prompts may carry NUL: they are relayed.
 */
const NO_NUL = /^[^\u0000]*$/;
const NO_NUL_MESSAGE = { message: 'model must not contain NUL characters' };

/**
 * `POST /v1/messages`: the Anthropic Messages API. Only what routing and accounting need is
 * checked here; every other field reaches the upstream exactly as sent.
 */
@LenientBody()
export class MessagesRequestDto {
  @ApiProperty({ example: 'claude-sonnet-4-5' })
  @IsString()
  @Length(1, 256)
  @Matches(NO_NUL, NO_NUL_MESSAGE)
  model: string;

  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ role: 'user', content: 'Hello' }] })
  @IsArray()
  @ArrayMaxSize(100_000)
  messages: unknown[];

  @ApiProperty({ example: 1024 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  max_tokens: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}

/** `POST /v1/messages/count_tokens`: like a Messages request, without `max_tokens`. */
@LenientBody()
export class CountTokensRequestDto {
  @ApiProperty({ example: 'claude-sonnet-4-5' })
  @IsString()
  @Length(1, 256)
  @Matches(NO_NUL, NO_NUL_MESSAGE)
  model: string;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  messages: unknown[];
}

/** `POST /v1/chat/completions`: the OpenAI Chat Completions API over the same routes. */
@LenientBody()
export class ChatCompletionsRequestDto {
  @ApiProperty({ example: 'gpt-4o-mini' })
  @IsString()
  @Length(1, 256)
  @Matches(NO_NUL, NO_NUL_MESSAGE)
  model: string;

  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ role: 'user', content: 'Hello' }] })
  @IsArray()
  @ArrayMaxSize(100_000)
  messages: unknown[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}
