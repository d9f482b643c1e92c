import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TraceId } from '../../../common/auth/current-identity.decorator';
import { Public } from '../../../common/auth/public.decorator';
import { BrowserSessionService } from '../authorize/browser-session.service';
import { OauthSettings } from '../oauth-settings.provider';
import { enrolPage } from '../views/enrol.view';
import {
  AuthenticatedDto,
  AuthenticationVerifyRequestDto,
  RegisteredPasskeyDto,
  RegistrationOptionsRequestDto,
  RegistrationVerifyRequestDto,
  WebauthnOptionsDto,
} from './dto/passkeys.dto';
import { PasskeysError } from './passkeys.errors';
import { PasskeysService } from './passkeys.service';

const RETURN_TO = /^\/api\/v1\/oauth\/authorize\?[^\\\s]*$/;

/** The browser side of passkeys: the enrolment page and the JSON ceremonies behind it and the login page. */
@ApiTags('oauth')
@Controller('api/v1/oauth')
export class PasskeysController {
  constructor(
    private readonly passkeys: PasskeysService,
    private readonly browser: BrowserSessionService,
    private readonly settings: OauthSettings,
  ) {}

  @Get('enrol')
  @Public()
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The enrolment page a one-time link opens (token in the fragment)' })
  async enrolPage(@Res() reply: FastifyReply): Promise<void> {
    const page = enrolPage(this.settings.rpName);
    await reply.status(page.status).headers(page.headers).send(page.html);
  }

  @Post('passkeys/registration/options')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WebAuthn creation options for the user of an enrolment link' })
  @ApiOkResponse({ type: WebauthnOptionsDto })
  @ApiBadRequestResponse({ description: 'The link is invalid, expired or used' })
  registrationOptions(@Body() body: RegistrationOptionsRequestDto) {
    return this.passkeys.registrationOptions(body.token);
  }

  @Post('passkeys/registration/verify')
  @Public()
  @ApiOperation({ summary: 'Store the new passkey; the enrolment link is used up' })
  @ApiCreatedResponse({ type: RegisteredPasskeyDto })
  @ApiUnauthorizedResponse({ description: 'The attestation did not verify' })
  register(@Body() body: RegistrationVerifyRequestDto): Promise<RegisteredPasskeyDto> {
    return this.passkeys.register(body.token, body.credential as unknown as RegistrationResponseJSON);
  }

  @Post('passkeys/authentication/options')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'WebAuthn request options for a login; binds the challenge to this browser (cookie)' })
  @ApiOkResponse({ type: WebauthnOptionsDto })
  async authenticationOptions(@Res({ passthrough: true }) reply: FastifyReply) {
    const { options, challengeId } = await this.passkeys.authenticationOptions();
    void reply.header('set-cookie', this.browser.challengeCookie(challengeId)).header('cache-control', 'no-store');
    return options;
  }

  @Post('passkeys/authentication/verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify the assertion and start the browser session (cookie)' })
  @ApiOkResponse({ type: AuthenticatedDto })
  @ApiUnauthorizedResponse({ description: 'Unknown passkey, bad signature, or a counter that did not grow' })
  async authenticate(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: AuthenticationVerifyRequestDto,
    @TraceId() traceId: string,
  ): Promise<AuthenticatedDto> {
    if (body.return_to !== undefined && !RETURN_TO.test(body.return_to)) throw new PasskeysError('RETURN_TO_INVALID', 'return_to must be an /api/v1/oauth/authorize URL of this server');
    const user = await this.passkeys.authenticate(this.browser.challengeId(request.headers.cookie), body.credential as unknown as AuthenticationResponseJSON, traceId);
    void reply.header('set-cookie', await this.browser.start(user.id)).header('cache-control', 'no-store');
    return { user_id: user.id, redirect: body.return_to ?? null };
  }
}
