import { CanActivate, ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { PartnerKeysService } from '@loa/auth';
import { BannerService } from '@loa/banner';
import type { LoaRequest } from '../http/request-context';

/** Portal webmaster routes: `X-Portal-Key` must be a live key of the portal named in the path. */
@Injectable()
export class PortalGuard implements CanActivate {
  constructor(
    private readonly keys: PartnerKeysService,
    private readonly banners: BannerService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<LoaRequest>();
    const key = req.header('x-portal-key');
    if (!key) throw new UnauthorizedException('Missing X-Portal-Key header');
    const owner = await this.keys.verify('portal', key);
    if (!owner) throw new UnauthorizedException('Portal key is invalid or revoked');
    const portal = await this.banners.portalById(owner.partnerId);
    // Another portal's code behaves like an unknown one.
    if (!portal || portal.code !== String(req.params.code ?? ''))
      throw new NotFoundException(`Portal ${String(req.params.code)} not found for this key`);
    req.portal = portal;
    return true;
  }
}
