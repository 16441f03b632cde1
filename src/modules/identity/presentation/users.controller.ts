import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { AdministerUsers } from '../application/administer-users';
import { ManageProfile } from '../application/manage-profile';
import { RoleRepository } from '../domain/role.repository.port';
import { AdminUpdateUserDto, ListUsersQueryDto, RoleDto, UpdateMeDto, UserDto } from './dto/user.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

@ApiTags('users')
@Controller('users')
@Authenticated()
export class UsersController {
  constructor(private readonly profile: ManageProfile) {}

  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  getMe(@CurrentUser() actor: Actor): Promise<UserDto> {
    return this.profile.get(actor);
  }

  @Patch('me')
  @ApiOperation({ operationId: 'updateMe', summary: 'Change your profile or password' })
  @ApiProblems({ 409: 'The email is taken' })
  @ApiOkResponse({ type: UserDto })
  updateMe(@CurrentUser() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.profile.update(actor, dto);
  }
}

@ApiTags('admin')
@Controller('admin/users')
@Authenticated({ roles: ['admin'] })
export class AdminUsersController {
  constructor(private readonly admin: AdministerUsers) {}

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List users (filter by role, active, email)' })
  @ApiPageResponse(UserDto)
  list(@Query() query: ListUsersQueryDto) {
    return this.admin.list(query);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateUser', summary: "Change a user's role or deactivate them" })
  @ApiProblems({ 409: 'You cannot change your own role or deactivate yourself' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: AdminUpdateUserDto): Promise<UserDto> {
    return this.admin.update(actor, id, dto);
  }
}

@ApiTags('admin')
@Controller('roles')
@Authenticated({ roles: ['admin'] })
export class RolesController {
  constructor(private readonly roles: RoleRepository) {}

  @Get()
  @ApiOperation({ operationId: 'listRoles', summary: 'The roles a user can have' })
  @ApiOkResponse({ type: RoleDto, isArray: true })
  list(): Promise<RoleDto[]> {
    return this.roles.list();
  }
}
