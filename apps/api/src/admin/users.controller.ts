import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UsersAdminService } from '@loa/directory';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import { UserViewDto } from './admin-views.dto';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './users.dto';
import type { LoaRequest } from '../http/request-context';

/**
 * Admins manage their organisation's operators. Another organisation's user id answers 404. Disabling a user or
 * resetting their password revokes their sessions at once; an admin can neither demote nor disable themself.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/users')
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService) {}

  @Get()
  list(@Req() req: LoaRequest): Promise<UserViewDto[]> {
    return this.users.list(operator(req).organizationId);
  }

  @Post()
  create(@Body() body: CreateUserDto, @Req() req: LoaRequest): Promise<UserViewDto> {
    return this.users.create(operator(req), body, req.requestId);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateUserDto, @Req() req: LoaRequest) {
    return this.users.update(operator(req), id, body, req.requestId);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param('id') id: string, @Req() req: LoaRequest) {
    return this.users.disable(operator(req), id, req.requestId);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id') id: string, @Req() req: LoaRequest) {
    return this.users.enable(operator(req), id, req.requestId);
  }

  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@Param('id') id: string, @Body() body: ResetPasswordDto, @Req() req: LoaRequest) {
    return this.users.resetPassword(operator(req), id, body.password, req.requestId);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(200)
  revokeSessions(@Param('id') id: string, @Req() req: LoaRequest) {
    return this.users.revokeAllSessions(operator(req), id, req.requestId);
  }
}
