import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GovernanceModule } from '../governance/governance.module';
import { UsersModule } from '../users/users.module';
import { AuthorizeController } from './authorize/authorize.controller';
import { AuthorizeService } from './authorize/authorize.service';
import { BrowserSessionService } from './authorize/browser-session.service';
import { ClientsRepository } from './clients/clients.repository';
import { ClientsService } from './clients/clients.service';
import { OauthClientEntity } from './clients/oauth-client.entity';
import { RegisterController } from './clients/register.controller';
import { CoworkController } from './cowork/cowork.controller';
import { CoworkExchangeService } from './cowork/cowork-exchange.service';
import { DiscoveryService } from './discovery/discovery.service';
import { WellKnownController } from './discovery/well-known.controller';
import { AuthorizationCodeEntity } from './grants/authorization-code.entity';
import { AuthorizationCodesRepository } from './grants/authorization-codes.repository';
import { GrantRevocationService } from './grants/grant-revocation.service';
import { RefreshTokenEntity } from './grants/refresh-token.entity';
import { RefreshTokensRepository } from './grants/refresh-tokens.repository';
import { TokenController } from './grants/token.controller';
import { TokenGrantsService } from './grants/token-grants.service';
import { TokenIntrospectionService } from './grants/token-introspection.service';
import { TokenIssuerService } from './grants/token-issuer.service';
import { UserinfoController } from './grants/userinfo.controller';
import { KeyCipherService } from './keys/key-cipher.service';
import { SigningKeyEntity } from './keys/signing-key.entity';
import { SigningKeysRepository } from './keys/signing-keys.repository';
import { SigningKeysService } from './keys/signing-keys.service';
import { OAUTH_COMMANDS } from './oauth.commands';
import { registerOAuthErrorSurfaces } from './oauth-error-surface';
import { OauthSettings } from './oauth-settings.provider';
import { EnrolmentEntity } from './passkeys/enrolment.entity';
import { EnrolmentsController } from './passkeys/enrolments.controller';
import { PasskeyEntity } from './passkeys/passkey.entity';
import { PasskeysController } from './passkeys/passkeys.controller';
import { PasskeysRepository } from './passkeys/passkeys.repository';
import { PasskeysService } from './passkeys/passkeys.service';
import { WebauthnChallengeEntity } from './passkeys/webauthn-challenge.entity';
import { UserDirectoryService } from './user-directory.service';

registerOAuthErrorSurfaces();

/**
 * The OAuth 2.1 / OpenID Connect authorization server: signing keys and discovery, clients,
 * the code (PKCE), refresh and client-credentials grants, passkey login and consent, and the
 * credential helper's PAT exchange. Its access tokens are gateway JWTs, accepted everywhere.
 */
@Module({
  imports: [
    UsersModule,
    GovernanceModule,
    TypeOrmModule.forFeature([SigningKeyEntity, OauthClientEntity, AuthorizationCodeEntity, RefreshTokenEntity, PasskeyEntity, EnrolmentEntity, WebauthnChallengeEntity]),
  ],
  controllers: [WellKnownController, RegisterController, AuthorizeController, TokenController, UserinfoController, PasskeysController, EnrolmentsController, CoworkController],
  providers: [
    OauthSettings,
    UserDirectoryService,
    KeyCipherService,
    SigningKeysRepository,
    SigningKeysService,
    DiscoveryService,
    ClientsRepository,
    ClientsService,
    AuthorizationCodesRepository,
    RefreshTokensRepository,
    TokenIssuerService,
    GrantRevocationService,
    TokenGrantsService,
    TokenIntrospectionService,
    BrowserSessionService,
    AuthorizeService,
    PasskeysRepository,
    PasskeysService,
    CoworkExchangeService,
    ...OAUTH_COMMANDS,
  ],
})
export class OauthModule {}
