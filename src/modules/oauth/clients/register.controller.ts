import { Body, Controller, Header, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../../../common/auth/auth.guard';
import { extractCredential } from '../../../common/auth/extract-credential';
import { Public } from '../../../common/auth/public.decorator';
import { OAuthErrorDto } from '../oauth-error.dto';
import { ClientsService } from './clients.service';
import { RegisterClientDto, RegisteredClientDto } from './dto/register-client.dto';

/** RFC 7591 dynamic client registration. */
@ApiTags('oauth')
@Controller('api/v1/oauth')
export class RegisterController {
  constructor(private readonly clients: ClientsService) {}

  @Post('register')
  @Public()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Register a client (RFC 7591). Send the initial access token as a bearer when the profile requires one.' })
  @ApiCreatedResponse({ type: RegisteredClientDto })
  @ApiBadRequestResponse({ type: OAuthErrorDto, description: 'invalid_redirect_uri, invalid_client_metadata' })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto, description: 'invalid_token: the initial access token is missing or wrong' })
  register(@Req() request: AuthenticatedRequest, @Body() body: RegisterClientDto): Promise<RegisteredClientDto> {
    // Who registers is decided before the metadata is looked at: no token, no validation oracle.
    return this.clients.register(body, this.clients.registrationAuthority(extractCredential(request), request.identity ?? null));
  }
}
