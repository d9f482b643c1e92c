import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentIdentity, TraceId } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Roles } from '../../common/auth/roles.decorator';
import { Scopes } from '../../common/auth/scopes.decorator';
import { CreateUserDto, PageQueryDto, UpdateUserDto, UserListResponseDto, UserResponseDto } from './dto/user.dto';
import { toUserResponse } from './users.mapper';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiSecurity('bearer')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @Scopes('users:admin')
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: 'Email taken' })
  @ApiBadRequestResponse({ description: 'Each bad field named' })
  async create(@CurrentIdentity() actor: Identity, @Body() body: CreateUserDto, @TraceId() traceId: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.create(actor, body, traceId));
  }

  @Get()
  @Roles('admin')
  @Scopes('users:admin')
  @ApiOkResponse({ type: UserListResponseDto })
  async list(@CurrentIdentity() actor: Identity, @Query() query: PageQueryDto): Promise<UserListResponseDto> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const [items, total] = await this.users.list(actor, offset, limit);
    return { items: items.map(toUserResponse), total, offset, limit };
  }

  @Get('me')
  @ApiOkResponse({ type: UserResponseDto })
  async me(@CurrentIdentity() actor: Identity): Promise<UserResponseDto> {
    return toUserResponse(await this.users.me(actor));
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiForbiddenResponse({ description: 'Not yours' })
  @ApiNotFoundResponse()
  async get(@CurrentIdentity() actor: Identity, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(actor, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiForbiddenResponse({ description: 'Role, status and other users are for admins; nobody changes their own role' })
  @ApiNotFoundResponse()
  async update(@CurrentIdentity() actor: Identity, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.update(actor, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @Scopes('users:admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@CurrentIdentity() actor: Identity, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.users.remove(actor, id);
  }
}
