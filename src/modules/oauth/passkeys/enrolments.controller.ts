import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity } from '../../../common/auth/current-identity.decorator';
import type { Identity } from '../../../common/auth/identity';
import { Roles } from '../../../common/auth/roles.decorator';
import { Scopes } from '../../../common/auth/scopes.decorator';
import { CreateEnrolmentDto, EnrolmentResponseDto } from './dto/passkeys.dto';
import { PasskeysService } from './passkeys.service';

/** One-time passkey enrolment links, issued by an admin. */
@ApiTags('oauth')
@ApiSecurity('bearer')
@Controller('api/v1/oauth/enrolments')
export class EnrolmentsController {
  constructor(private readonly passkeys: PasskeysService) {}

  @Post()
  @Roles('admin')
  @Scopes('users:admin')
  @ApiOperation({ summary: 'Issue a one-time passkey enrolment link for a user' })
  @ApiCreatedResponse({ type: EnrolmentResponseDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  issue(@CurrentIdentity() actor: Identity, @Body() body: CreateEnrolmentDto): Promise<EnrolmentResponseDto> {
    return this.passkeys.issueEnrolment(body.user_id, actor);
  }
}
