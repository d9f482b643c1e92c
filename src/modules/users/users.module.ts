import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { PatStrategy } from './auth/pat.strategy';
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

/** Who is calling: users, tenants, PATs, sessions, and the passport strategies. */
@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([TenantEntity, UserEntity, PersonalAccessTokenEntity, SessionEntity])],
  controllers: [UsersController, TokensController],
  providers: [
    UsersRepository,
    TokensRepository,
    SessionsRepository,
    UsersService,
    TokensService,
    CredentialService,
    IdentityCache,
    PatStrategy,
    JwtStrategy,
    AdminBootstrapService,
    ...USERS_COMMANDS,
  ],
  exports: [UsersService, TokensService, CredentialService, IdentityCache, SessionsRepository],
})
export class UsersModule {}
