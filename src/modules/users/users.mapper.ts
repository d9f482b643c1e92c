import type { TokenResponseDto } from './dto/token.dto';
import type { UserResponseDto } from './dto/user.dto';
import type { PersonalAccessTokenEntity } from './entities/personal-access-token.entity';
import type { UserEntity } from './entities/user.entity';

export function toUserResponse(user: UserEntity): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    tenant_id: user.tenantId,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export function toTokenResponse(token: PersonalAccessTokenEntity): TokenResponseDto {
  return {
    id: token.id,
    name: token.name,
    prefix: `sp-live-${token.prefix}`,
    scopes: token.scopes,
    expires_at: token.expiresAt?.toISOString() ?? null,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
  };
}
