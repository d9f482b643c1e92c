import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  user_id: string;
}

export class EnrolmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ description: 'The one-time link (token in the fragment). Shown only in this response.' }) url: string;
  @ApiProperty() expires_at: string;
}

export class RegistrationOptionsRequestDto {
  @ApiProperty({ description: 'The token from the enrolment link' })
  @IsString()
  @MaxLength(200)
  token: string;
}

export class RegistrationVerifyRequestDto extends RegistrationOptionsRequestDto {
  @ApiProperty({ description: 'RegistrationResponseJSON of navigator.credentials.create()' })
  @IsObject()
  credential: Record<string, unknown>;
}

export class RegisteredPasskeyDto {
  @ApiProperty() credential_id: string;
  @ApiProperty({ format: 'uuid' }) user_id: string;
}

export class AuthenticationVerifyRequestDto {
  @ApiProperty({ description: 'AuthenticationResponseJSON of navigator.credentials.get()' })
  @IsObject()
  credential: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Where to go after the login: an /api/v1/oauth/authorize URL' })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  return_to?: string;
}

export class AuthenticatedDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ nullable: true, description: 'The authorize URL to continue with' }) redirect: string | null;
}

/** WebAuthn options as @simplewebauthn/server produces them (PublicKeyCredential*OptionsJSON). */
export class WebauthnOptionsDto {
  @ApiProperty() challenge: string;
  @ApiPropertyOptional() rpId?: string;
  @ApiPropertyOptional({ type: Object }) rp?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Object }) user?: Record<string, unknown>;
  @ApiPropertyOptional() timeout?: number;
}
