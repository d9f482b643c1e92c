import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LenientBody } from '../../../../common/validation/lenient-body';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod, GRANT_TYPES, type GrantType } from '../oauth-client.entity';

/** RFC 7591 §2 client metadata. Unknown metadata is ignored, as §2 requires. */
@LenientBody()
export class RegisterClientDto {
  @ApiPropertyOptional({ type: [String], example: ['http://127.0.0.1/callback'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  redirect_uris?: string[];

  @ApiPropertyOptional({ enum: CLIENT_AUTH_METHODS, default: 'client_secret_basic' })
  @IsOptional()
  @IsIn(CLIENT_AUTH_METHODS)
  token_endpoint_auth_method?: ClientAuthMethod;

  @ApiPropertyOptional({ enum: GRANT_TYPES, isArray: true, default: ['authorization_code'] })
  @IsOptional()
  @IsArray()
  @IsIn(GRANT_TYPES, { each: true })
  grant_types?: GrantType[];

  @ApiPropertyOptional({ type: [String], default: ['code'] })
  @IsOptional()
  @IsArray()
  @IsIn(['code'], { each: true })
  response_types?: string[];

  @ApiPropertyOptional({ example: 'Claude' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_name?: string;

  @ApiPropertyOptional({ example: 'openid profile offline_access mcp:call' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  scope?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  client_uri?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  logo_uri?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  contacts?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  software_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  software_version?: string;

  @ApiPropertyOptional({ description: 'Extension: skip the consent screen. Honoured only for a registration with the initial access token or an admin credential.' })
  @IsOptional()
  @IsBoolean()
  first_party?: boolean;
}

export class RegisteredClientDto {
  @ApiProperty() client_id: string;
  @ApiPropertyOptional({ description: 'Shown only in this response; confidential clients only' }) client_secret?: string;
  @ApiProperty() client_id_issued_at: number;
  @ApiPropertyOptional({ description: '0: the secret does not expire' }) client_secret_expires_at?: number;
  @ApiProperty({ type: [String] }) redirect_uris: string[];
  @ApiProperty({ enum: CLIENT_AUTH_METHODS }) token_endpoint_auth_method: ClientAuthMethod;
  @ApiProperty({ enum: GRANT_TYPES, isArray: true }) grant_types: GrantType[];
  @ApiProperty({ type: [String] }) response_types: string[];
  @ApiProperty() scope: string;
  @ApiPropertyOptional() client_name?: string;
  @ApiProperty() id_token_signed_response_alg: string;
  @ApiProperty() first_party: boolean;
}
