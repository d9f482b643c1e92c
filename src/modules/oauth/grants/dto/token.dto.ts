import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LenientBody } from '../../../../common/validation/lenient-body';

/** `POST /token` (application/x-www-form-urlencoded). Which fields apply depends on grant_type. */
@LenientBody()
export class OAuthTokenRequestDto {
  @ApiProperty({ enum: ['authorization_code', 'refresh_token', 'client_credentials'] })
  @IsString()
  @MaxLength(100)
  grant_type: string;

  @ApiPropertyOptional({ description: 'authorization_code' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  code?: string;

  @ApiPropertyOptional({ description: 'authorization_code: the redirect_uri of the authorization request' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  redirect_uri?: string;

  @ApiPropertyOptional({ description: 'authorization_code: the PKCE verifier' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  code_verifier?: string;

  @ApiPropertyOptional({ description: 'refresh_token' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  refresh_token?: string;

  @ApiPropertyOptional({ description: 'refresh_token (narrowing) and client_credentials' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  scope?: string;

  @ApiPropertyOptional({ description: 'RFC 8707 resource indicator' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  resource?: string;

  @ApiPropertyOptional({ description: 'client_secret_post and none' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  client_id?: string;

  @ApiPropertyOptional({ description: 'client_secret_post' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;
}

export class OAuthTokenResponseDto {
  @ApiProperty() access_token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: 'Bearer';
  @ApiProperty({ example: 3600 }) expires_in: number;
  @ApiProperty() scope: string;
  @ApiPropertyOptional() refresh_token?: string;
  @ApiPropertyOptional({ description: 'When the scope includes openid' }) id_token?: string;
}

/** RFC 7009 revocation and RFC 7662 introspection requests. */
@LenientBody()
export class TokenReferenceDto {
  @ApiProperty()
  @IsString()
  @MaxLength(8192)
  token: string;

  @ApiPropertyOptional({ enum: ['access_token', 'refresh_token'] })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  token_type_hint?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  client_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;
}

export class IntrospectionResponseDto {
  @ApiProperty() active: boolean;
  @ApiPropertyOptional() scope?: string;
  @ApiPropertyOptional() client_id?: string;
  @ApiPropertyOptional() sub?: string;
  @ApiPropertyOptional() username?: string;
  @ApiPropertyOptional({ enum: ['Bearer', 'refresh_token'] }) token_type?: string;
  @ApiPropertyOptional() exp?: number;
  @ApiPropertyOptional() iat?: number;
  @ApiPropertyOptional() iss?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }) aud?: string | string[];
  @ApiPropertyOptional() sid?: string;
  @ApiPropertyOptional() role?: string;
}

export class UserInfoDto {
  @ApiProperty() sub: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() preferred_username?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() email_verified?: boolean;
  @ApiPropertyOptional() role?: string;
  @ApiPropertyOptional() tenant_id?: string;
}
