import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../common/auth/auth.guard';
import { Public } from '../../../common/auth/public.decorator';
import { OauthSettings } from '../oauth-settings.provider';
import { consentPage } from '../views/consent.view';
import { loginPage } from '../views/login.view';
import { errorPage, type RenderedPage } from '../views/page.view';
import { type AuthorizeOutcome, AuthorizeService } from './authorize.service';
import { BrowserSessionService } from './browser-session.service';
import { AuthorizeRequestDto, ConsentDecisionDto } from './dto/authorize-request.dto';

/**
 * The authorization endpoint. A bearer PAT/JWT on the request is the user (CLIs, tests); a
 * browser logs in with a passkey, then approves third-party clients on the consent page.
 */
@ApiTags('oauth')
@Controller('api/v1/oauth')
export class AuthorizeController {
  constructor(
    private readonly authorize: AuthorizeService,
    private readonly browser: BrowserSessionService,
    private readonly settings: OauthSettings,
  ) {}

  @Get('authorize')
  @Public()
  @ApiOperation({ summary: 'Authorization code request (PKCE S256 only). 302 to the client, or a login/consent page; 400 page for an unknown client or redirect_uri.' })
  @ApiProduces('text/html')
  @ApiFoundResponse({ description: 'Back to the client with code (or error), state and iss' })
  @ApiOkResponse({ description: 'The passkey login page or the consent page' })
  async request(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Query() query: AuthorizeRequestDto): Promise<void> {
    const session = request.identity ? null : await this.browser.resolve(request.headers.cookie);
    const outcome = await this.authorize.begin(query as unknown as Record<string, unknown>, { identity: request.identity ?? null, session });
    await this.send(reply, outcome);
  }

  @Post('authorize')
  @Public()
  @HttpCode(302)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: ConsentDecisionDto })
  @ApiOperation({ summary: 'The consent form (CSRF-protected): allow or deny' })
  @ApiFoundResponse({ description: 'Back to the client with code, or error=access_denied' })
  async consent(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: ConsentDecisionDto): Promise<void> {
    const session = await this.browser.resolve(request.headers.cookie);
    await this.send(reply, await this.authorize.decide((body ?? {}) as unknown as Record<string, unknown>, session));
  }

  private async send(reply: FastifyReply, outcome: AuthorizeOutcome): Promise<void> {
    if (outcome.kind === 'redirect') {
      await reply.header('cache-control', 'no-store').redirect(outcome.location, 302);
      return;
    }
    const site = this.settings.rpName;
    const page: RenderedPage =
      outcome.kind === 'error_page'
        ? errorPage(outcome.message)
        : outcome.kind === 'login'
          ? loginPage({ siteName: site, clientName: outcome.clientName, returnTo: outcome.returnTo })
          : consentPage({
              siteName: site,
              clientName: outcome.client.name ?? outcome.client.id,
              clientId: outcome.client.id,
              userEmail: outcome.user.email,
              scopes: outcome.scopes,
              params: outcome.params,
              csrf: outcome.csrf,
              redirectOrigin: outcome.redirectTarget,
            });
    await reply.status(page.status).headers(page.headers).send(page.html);
  }
}
