import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { CredentialVerifier } from '../../common/auth/credential-verifier';
import { RequestCredentialVerifier } from './auth/request-credential.verifier';
import { CredentialService } from './credential.service';
import { PersonalAccessTokenEntity } from './entities/personal-access-token.entity';
import { SessionEntity } from './entities/session.entity';
import { TenantEntity } from './entities/tenant.entity';
import { UserEntity } from './entities/user.entity';
import { IdentityCache } from './identity-cache';
import { SessionsRepository } from './sessions.repository';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { USERS_COMMANDS } from './users.commands';

/** Who is calling: users, tenants, PATs, sessions, and the credential verifier the global guard uses. */
@Module({
  imports: [TypeOrmModule.forFeature([TenantEntity, UserEntity, PersonalAccessTokenEntity, SessionEntity])],
  controllers: [UsersController, TokensController],
  providers: [
    UsersRepository,
    TokensRepository,
    SessionsRepository,
    UsersService,
    TokensService,
    CredentialService,
    IdentityCache,
    { provide: CredentialVerifier, useClass: RequestCredentialVerifier },
    AdminBootstrapService,
    ...USERS_COMMANDS,
  ],
  exports: [CredentialVerifier, UsersService, TokensService, CredentialService, IdentityCache, SessionsRepository],
})
export class UsersModule {}
