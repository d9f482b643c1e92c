import { Controller, Get, Header, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentIdentity } from '../../../common/auth/current-identity.decorator';
import type { Identity } from '../../../common/auth/identity';
import { OAuthErrorDto } from '../oauth-error.dto';
import { UserDirectoryService } from '../user-directory.service';
import { UserInfoDto } from './dto/token.dto';

/** OIDC UserInfo: who the bearer of an access token (or any gateway credential) is. */
@ApiTags('oauth')
@ApiSecurity('bearer')
@Controller('api/v1/oauth')
export class UserinfoController {
  constructor(private readonly users: UserDirectoryService) {}

  @Get('userinfo')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'OIDC UserInfo for the bearer' })
  @ApiOkResponse({ type: UserInfoDto })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto })
  get(@CurrentIdentity() identity: Identity): Promise<UserInfoDto> {
    return this.users.userinfo(identity);
  }

  @Post('userinfo')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'OIDC UserInfo for the bearer (POST form)' })
  @ApiOkResponse({ type: UserInfoDto })
  post(@CurrentIdentity() identity: Identity): Promise<UserInfoDto> {
    return this.users.userinfo(identity);
  }
}
