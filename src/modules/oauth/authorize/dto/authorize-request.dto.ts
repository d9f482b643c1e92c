import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LenientBody } from '../../../../common/validation/lenient-body';
import { CODE_CHALLENGE } from '../../grants/pkce';

/**
 * The authorization request (query of GET, form of the consent POST). Checked by the authorize
 * service itself: before the client and redirect_uri are known to be good an error is a page,
 * after that it is a redirect back to the client.
 */
@LenientBody()
export class AuthorizeRequestDto {
  @ApiProperty({ enum: ['code'] })
  @IsIn(['code'], { message: 'response_type must be code' })
  response_type: string;

  @ApiProperty()
  @IsString()
  @MaxLength(64)
  client_id: string;

  @ApiPropertyOptional({ description: 'Required when the client registered more than one' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  redirect_uri?: string;

  @ApiProperty({ description: 'BASE64URL(SHA-256(code_verifier))' })
  @IsString({ message: 'code_challenge is required (PKCE)' })
  @Matches(CODE_CHALLENGE, { message: 'code_challenge must be 43 base64url characters' })
  code_challenge: string;

  @ApiProperty({ enum: ['S256'], description: 'Only S256; plain is refused' })
  @IsIn(['S256'], { message: 'code_challenge_method must be S256' })
  code_challenge_method: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  scope?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  state?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  nonce?: string;

  @ApiPropertyOptional({ description: 'RFC 8707 resource indicator, e.g. the MCP endpoint' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  resource?: string;

  @ApiPropertyOptional({ enum: ['none', 'login', 'consent'] })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  prompt?: string;
}

/** The consent form: the request again, the CSRF token and the decision. */
@LenientBody()
export class ConsentDecisionDto extends AuthorizeRequestDto {
  @ApiProperty()
  @IsString()
  csrf: string;

  @ApiProperty({ enum: ['allow', 'deny'] })
  @IsIn(['allow', 'deny'])
  decision: 'allow' | 'deny';
}
