import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNotImplementedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentIdentity, TraceId } from '../../../common/auth/current-identity.decorator';
import type { Identity } from '../../../common/auth/identity';
import { Public } from '../../../common/auth/public.decorator';
import { CoworkExchangeService } from './cowork-exchange.service';
import { CapabilitiesDto, IssuedTokenDto, NotImplementedDto } from './dto/cowork.dto';

/** The credential-helper exchange (`systemprompt-cowork`), also answering under /v1/auth/bridge. */
@ApiTags('cowork')
@Controller(['v1/gateway/auth/cowork', 'v1/auth/bridge'])
export class CoworkController {
  constructor(private readonly exchange: CoworkExchangeService) {}

  @Post('pat')
  @HttpCode(200)
  @ApiSecurity('bearer')
  @ApiOperation({ summary: 'Exchange a PAT (Authorization: Bearer sp-live-…) for {token, ttl, headers}' })
  @ApiOkResponse({ type: IssuedTokenDto })
  @ApiUnauthorizedResponse({ description: 'No PAT, or a revoked/expired one (Anthropic error shape)' })
  pat(@CurrentIdentity() identity: Identity, @TraceId() traceId: string): Promise<IssuedTokenDto> {
    return this.exchange.exchangePat(identity, traceId);
  }

  @Get('capabilities')
  @Public()
  @ApiOperation({ summary: 'Which exchange modes this gateway supports' })
  @ApiOkResponse({ type: CapabilitiesDto })
  capabilities(): CapabilitiesDto {
    return this.exchange.capabilities();
  }

  @Post('session')
  @Public()
  @ApiOperation({ summary: 'Session exchange: not implemented yet' })
  @ApiNotImplementedResponse({ type: NotImplementedDto })
  session(): never {
    return this.exchange.notImplemented('session');
  }

  @Post('mtls')
  @Public()
  @ApiOperation({ summary: 'Device-certificate exchange: not implemented yet' })
  @ApiNotImplementedResponse({ type: NotImplementedDto })
  mtls(): never {
    return this.exchange.notImplemented('mtls');
  }
}
