import { LoginThrottle } from '../http/rate-limits';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { AuthService } from '@loa/auth';
import type { LoaRequest } from '../http/request-context';
import { Public } from './auth.decorators';

export class LoginDto {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @LoginThrottle()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: LoaRequest) {
    const r = await this.auth.login(body.email, body.password, req.requestId);
    return { token: r.token, expiresAt: r.expiresAt.toISOString(), user: r.user };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: LoaRequest): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (token) await this.auth.logout(token);
  }
}
