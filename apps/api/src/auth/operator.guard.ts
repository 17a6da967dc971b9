import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '@loa/auth';
import type { UserRole } from '@loa/db';
import type { LoaRequest } from '../http/request-context';
import { PUBLIC_ROUTE, ROLES } from './auth.decorators';

/** Global guard: every route needs an operator bearer token unless marked @Public(); @Roles narrows it. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<LoaRequest>();
    const header = req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new UnauthorizedException('Missing bearer token (POST /api/auth/login first)');
    const user = await this.auth.authenticate(m[1]);
    if (!user) throw new UnauthorizedException('Token is invalid, expired or revoked');
    req.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role) && user.role !== 'admin') {
      throw new ForbiddenException(`This action needs the role ${roles.join(' or ')}; you are ${user.role}`);
    }
    return true;
  }
}
