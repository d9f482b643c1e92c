import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { Role } from '../../../common/auth/roles';
import type { UserStatus } from '../entities/user.entity';

/** Roles a user row may hold (`anonymous` is only for callers without a credential). */
export const ASSIGNABLE_ROLES = ['user', 'developer', 'agent_operator', 'auditor', 'admin'] as const;
export const USER_STATUSES = ['active', 'disabled'] as const;

/**
 * Optional in a PATCH, but never null: `@IsOptional()` also skips validation for null, which then
 * reached NOT NULL columns as a 500 (found by the fuzz tier). Null is now a 400 naming the field.
 */
const OmittableNotNull = () => ValidateIf((_object, value) => value !== undefined);

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ASSIGNABLE_ROLES })
  @IsIn(ASSIGNABLE_ROLES)
  role: Exclude<Role, 'anonymous'>;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OmittableNotNull()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional()
  @OmittableNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ASSIGNABLE_ROLES })
  @OmittableNotNull()
  @IsIn(ASSIGNABLE_ROLES)
  role?: Exclude<Role, 'anonymous'>;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @OmittableNotNull()
  @IsIn(USER_STATUSES)
  status?: UserStatus;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // 1e20 is an integer to JavaScript but overflows PostgreSQL's bigint OFFSET (a 500; found by
  // the fuzz tier).
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ASSIGNABLE_ROLES }) role: Role;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiProperty({ format: 'uuid' }) tenant_id: string;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class UserListResponseDto {
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
