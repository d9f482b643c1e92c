import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The RFC 6749 §5.2 error body every OAuth endpoint answers with. */
export class OAuthErrorDto {
  @ApiProperty({ example: 'invalid_grant' }) error: string;
  @ApiPropertyOptional({ example: 'the authorization code has expired' }) error_description?: string;
}
