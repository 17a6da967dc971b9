import { LoginThrottle } from '../http/rate-limits';
import { Body, Controller, Get, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from '@loa/auth';
import type { LoaRequest } from '../http/request-context';
import { Public } from './auth.decorators';
import { LoginDto, LoginResultDto, OperatorDto } from './auth.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @LoginThrottle()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: LoaRequest): Promise<LoginResultDto> {
    const r = await this.auth.login(body.email, body.password, req.requestId);
    return { token: r.token, expiresAt: r.expiresAt.toISOString(), user: r.user };
  }

  /** Who the bearer token belongs to (the console asks on load). */
  @Get('me')
  @ApiBearerAuth()
  me(@Req() req: LoaRequest): OperatorDto {
    if (!req.user) throw new UnauthorizedException('Not logged in');
    const { id, organizationId, role, email, displayName } = req.user;
    return { id, organizationId, role, email, displayName };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: LoaRequest): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (token) await this.auth.logout(token);
  }
}
