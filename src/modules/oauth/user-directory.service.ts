import { Injectable } from '@nestjs/common';
import { type Identity, systemIdentity } from '../../common/auth/identity';
import type { Role } from '../../common/auth/roles';
import { DomainError } from '../../common/errors/domain.error';
import { UsersService } from '../users/users.service';
import type { UserInfoDto } from './grants/dto/token.dto';
import { OAuthError } from './oauth.errors';

/** What the authorization server needs to know about a person. */
export interface OauthUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
}

/** Users as the OAuth module sees them, through the users module's exported service. */
@Injectable()
export class UserDirectoryService {
  constructor(private readonly users: UsersService) {}

  /** The user if it exists and is active; null otherwise. */
  async activeUser(id: string): Promise<OauthUser | null> {
    try {
      const user = await this.users.find(systemIdentity('oauth'), id);
      return user.status === 'active' ? { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role } : null;
    } catch (err) {
      if (err instanceof DomainError) return null;
      throw err;
    }
  }

  /** OIDC UserInfo claims of a user principal; invalid_token for anything else. */
  async userinfo(identity: Identity): Promise<UserInfoDto> {
    const user = identity.principal === 'user' && identity.userId ? await this.activeUser(identity.userId) : null;
    if (!user) throw new OAuthError('INVALID_TOKEN', 'the token does not belong to a user');
    return { sub: user.id, name: user.name, preferred_username: user.email, email: user.email, email_verified: false, role: identity.role, tenant_id: user.tenantId };
  }

  /** By id or email, for the CLI; throws the users module's not-found error. */
  async find(reference: string): Promise<OauthUser> {
    const user = await this.users.find(systemIdentity('oauth'), reference);
    return { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role };
  }
}
