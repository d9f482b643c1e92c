import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { TraceId } from '../../../common/auth/current-identity.decorator';
import { Public } from '../../../common/auth/public.decorator';
import { ClientCredentials, type PresentedClient } from '../clients/client-credentials.decorator';
import { OAuthErrorDto } from '../oauth-error.dto';
import { OAuthValidationPipe } from '../oauth-validation.pipe';
import { IntrospectionResponseDto, TokenReferenceDto, OAuthTokenRequestDto, OAuthTokenResponseDto } from './dto/token.dto';
import { TokenGrantsService } from './token-grants.service';
import { TokenIntrospectionService } from './token-introspection.service';

const FORM = 'application/x-www-form-urlencoded';

/** The token, revocation (RFC 7009) and introspection (RFC 7662) endpoints: client-authenticated, never bearer. */
@ApiTags('oauth')
@Controller('api/v1/oauth')
export class TokenController {
  constructor(
    private readonly grants: TokenGrantsService,
    private readonly introspection: TokenIntrospectionService,
  ) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @ApiConsumes(FORM)
  @ApiBody({ type: OAuthTokenRequestDto })
  @ApiOperation({ summary: 'Exchange a code (PKCE S256), a refresh token (rotated) or client credentials for tokens' })
  @ApiOkResponse({ type: OAuthTokenResponseDto })
  @ApiBadRequestResponse({ type: OAuthErrorDto, description: 'invalid_request, invalid_grant, unsupported_grant_type, invalid_scope, unauthorized_client' })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto, description: 'invalid_client' })
  token(@ClientCredentials() client: PresentedClient | null, @Body(new OAuthValidationPipe()) body: OAuthTokenRequestDto, @TraceId() traceId: string): Promise<OAuthTokenResponseDto> {
    return this.grants.exchange(client, body, traceId);
  }

  @Post('revoke')
  @Public()
  @HttpCode(200)
  @ApiConsumes(FORM)
  @ApiBody({ type: TokenReferenceDto })
  @ApiOperation({ summary: 'Revoke an access or refresh token (RFC 7009); either one ends its whole grant' })
  @ApiOkResponse({ description: 'Revoked, or nothing to revoke' })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto })
  async revoke(@ClientCredentials() client: PresentedClient | null, @Body(new OAuthValidationPipe()) body: TokenReferenceDto, @TraceId() traceId: string): Promise<Record<string, never>> {
    await this.introspection.revoke(client, body.token, traceId);
    return {};
  }

  @Post('introspect')
  @Public()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiConsumes(FORM)
  @ApiBody({ type: TokenReferenceDto })
  @ApiOperation({ summary: 'Introspect a token (RFC 7662); confidential clients only' })
  @ApiOkResponse({ type: IntrospectionResponseDto })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto })
  introspect(@ClientCredentials() client: PresentedClient | null, @Body(new OAuthValidationPipe()) body: TokenReferenceDto): Promise<IntrospectionResponseDto> {
    return this.introspection.introspect(client, body.token);
  }
}
