import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateTokenDto {
  @ApiProperty({ example: 'laptop' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['gateway:invoke', 'mcp:call'], description: 'Omit for every scope the role allows' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z0-9_*.:-]{1,200}$/i, { each: true, message: 'each scope must be a scope name such as gateway:invoke' })
  scopes?: string[];

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expires_at?: string;
}

export class TokenResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Public prefix, for display' }) prefix: string;
  @ApiProperty({ type: [String], nullable: true }) scopes: string[] | null;
  @ApiProperty({ nullable: true }) expires_at: string | null;
  @ApiProperty({ nullable: true }) last_used_at: string | null;
  @ApiProperty({ nullable: true }) revoked_at: string | null;
  @ApiProperty() created_at: string;
}

export class CreatedTokenResponseDto extends TokenResponseDto {
  @ApiProperty({ description: 'The token. Shown only in this response.' }) token: string;
}
