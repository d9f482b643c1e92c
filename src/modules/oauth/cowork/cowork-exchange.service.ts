import { Injectable } from '@nestjs/common';
import { GatewayJwtService } from '../../../common/auth/gateway-jwt.service';
import type { Identity } from '../../../common/auth/identity';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import { GovernancePipeline } from '../../governance/governance-pipeline.service';
import { OauthSettings } from '../oauth-settings.provider';
import { CoworkExchangeError } from './cowork-exchange.errors';
import type { CapabilitiesDto, IssuedTokenDto } from './dto/cowork.dto';

const CLIENT_ID = 'cowork';

/**
 * The credential helper's exchange: a PAT becomes a short-lived gateway JWT carrying the PAT's
 * id (`ptk`), so CredentialService refuses it the moment the PAT is revoked. Device certificates
 * (mtls) and browser sessions are not exchangeable yet.
 */
@Injectable()
export class CoworkExchangeService {
  private readonly policyVersion: string;

  constructor(
    private readonly jwt: GatewayJwtService,
    private readonly settings: OauthSettings,
    private readonly events: DomainEventPublisher,
    governance: GovernancePipeline,
  ) {
    // The same version governance stamps on its decisions (policy and MCP servers together).
    this.policyVersion = governance.policyVersion;
  }

  capabilities(): CapabilitiesDto {
    return { modes: ['pat'] };
  }

  async exchangePat(identity: Identity, traceId: string): Promise<IssuedTokenDto> {
    if (identity.credential !== 'pat' || !identity.userId || !identity.credentialId) {
      throw new CoworkExchangeError('PAT_REQUIRED', 'send a personal access token (sp-live-…) as the bearer credential');
    }
    const ttl = this.settings.coworkTokenTtl;
    const token = await this.jwt.sign(
      {
        sub: identity.userId,
        tid: identity.tenantId,
        role: identity.role,
        ...(identity.scopes === null ? {} : { scope: identity.scopes.join(' ') }),
        sid: identity.sessionId,
        pk: 'user',
        cid: CLIENT_ID,
        ptk: identity.credentialId,
      },
      ttl,
    );
    this.events.emit('auth.token.issued', { trace_id: traceId, user_id: identity.userId, tenant_id: identity.tenantId, token_id: identity.credentialId, kind: 'jwt', name: CLIENT_ID });
    return {
      token,
      ttl,
      headers: {
        'x-user-id': identity.userId,
        'x-session-id': identity.sessionId,
        'x-trace-id': traceId,
        'x-client-id': CLIENT_ID,
        'x-tenant-id': identity.tenantId,
        'x-policy-version': this.policyVersion,
        'x-call-source': 'cowork',
      },
    };
  }

  notImplemented(mode: 'session' | 'mtls'): never {
    const reason = mode === 'mtls' ? 'device-certificate (mtls) exchange is not available yet; use a PAT' : 'session exchange is not available yet; use a PAT';
    throw new CoworkExchangeError('NOT_IMPLEMENTED', reason);
  }
}

