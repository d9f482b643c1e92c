import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, TraceId } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Scopes } from '../../common/auth/scopes.decorator';
import { CreatedTokenResponseDto, CreateTokenDto, TokenResponseDto } from './dto/token.dto';
import { toTokenResponse } from './users.mapper';
import { TokensService } from './tokens.service';

/** Personal access tokens of a user: the owner or an admin. */
@ApiTags('users')
@ApiSecurity('bearer')
@Controller('api/v1/users/:id/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @Scopes('tokens:manage')
  @ApiCreatedResponse({ type: CreatedTokenResponseDto, description: 'The only response that shows the token' })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  async issue(
    @CurrentIdentity() actor: Identity,
    @Param('id', new ParseUUIDPipe()) userId: string,
    @Body() body: CreateTokenDto,
    @TraceId() traceId: string,
  ): Promise<CreatedTokenResponseDto> {
    const { entity, token } = await this.tokens.issue(
      actor,
      userId,
      { name: body.name, scopes: body.scopes, expiresAt: body.expires_at ? new Date(body.expires_at) : null },
      traceId,
    );
    return { ...toTokenResponse(entity), token };
  }

  @Get()
  @ApiOkResponse({ type: [TokenResponseDto] })
  async list(@CurrentIdentity() actor: Identity, @Param('id', new ParseUUIDPipe()) userId: string): Promise<TokenResponseDto[]> {
    return (await this.tokens.list(actor, userId)).map(toTokenResponse);
  }

  @Delete(':tokenId')
  @HttpCode(204)
  @Scopes('tokens:manage')
  @ApiNoContentResponse({ description: 'Revoked on every replica at once' })
  @ApiNotFoundResponse()
  async revoke(
    @CurrentIdentity() actor: Identity,
    @Param('id', new ParseUUIDPipe()) userId: string,
    @Param('tokenId', new ParseUUIDPipe()) tokenId: string,
    @TraceId() traceId: string,
  ): Promise<void> {
    await this.tokens.revoke(actor, userId, tokenId, traceId);
  }
}
