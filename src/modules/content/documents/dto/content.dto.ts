import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotIn, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { BODY_MAX, RESERVED_SLUGS, SLUG_PATTERN, TAG_MAX, TAGS_MAX, TITLE_MAX } from '../content-document.types';

const SOURCES = ['file', 'database'] as const;

/** A whole document without its slug: the body of PUT. */
export class ReplaceContentDto {
  @ApiProperty({ example: 'Getting started', maxLength: TITLE_MAX })
  @IsString()
  @Length(1, TITLE_MAX)
  title: string;

  @ApiProperty({ description: 'Markdown', example: '# Getting started\n…', maxLength: BODY_MAX })
  @IsString()
  @MaxLength(BODY_MAX)
  body: string;

  @ApiPropertyOptional({ type: [String], default: [], maxItems: TAGS_MAX, example: ['onboarding'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TAGS_MAX)
  @IsString({ each: true })
  @Length(1, TAG_MAX, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ default: true, description: 'Drafts (false) are visible to admins only' })
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

export class CreateContentDto extends ReplaceContentDto {
  @ApiProperty({ example: 'getting-started', pattern: SLUG_PATTERN.source, description: `Unique; "${RESERVED_SLUGS.join('", "')}" is reserved` })
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters, digits and "-" (max 128), starting with a letter or digit' })
  @IsNotIn(RESERVED_SLUGS, { message: 'slug is reserved' })
  slug: string;
}

export class ContentQueryDto {
  @ApiPropertyOptional({ description: 'Only documents with this tag (case-insensitive)', maxLength: TAG_MAX })
  @IsOptional()
  @IsString()
  @Length(1, TAG_MAX)
  tag?: string;

  @ApiPropertyOptional({ description: 'Words that must all occur in the title or the body (case-insensitive)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ContentSummaryDto {
  @ApiProperty({ example: 'getting-started' }) slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() published: boolean;
  @ApiProperty({ enum: SOURCES, description: 'file: services/content; database: written through the API' }) source: (typeof SOURCES)[number];
  @ApiProperty() updated_at: string;
}

export class ContentDocumentDto extends ContentSummaryDto {
  @ApiProperty({ description: 'Markdown' }) body: string;
}

export class ContentListDto {
  @ApiProperty({ type: [ContentSummaryDto] }) items: ContentSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
