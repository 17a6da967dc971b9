import { CanActivate, ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { PartnerKeysService } from '@loa/auth';
import { StationFeedService } from '@loa/radio';
import type { LoaRequest } from '../http/request-context';

/** Station routes: `X-Station-Key` must be a live key of the station named in the path. */
@Injectable()
export class StationGuard implements CanActivate {
  constructor(
    private readonly keys: PartnerKeysService,
    private readonly feeds: StationFeedService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<LoaRequest>();
    const key = req.header('x-station-key');
    if (!key) throw new UnauthorizedException('Missing X-Station-Key header');
    const owner = await this.keys.verify('station', key);
    if (!owner) throw new UnauthorizedException('Station key is invalid or revoked');
    const code = String(req.params.code ?? '');
    const station = await this.feeds.stationByCode(code);
    // Another station's code behaves like an unknown one: no hint that it exists.
    if (!station || station.id !== owner.partnerId)
      throw new NotFoundException(`Station ${code} not found for this key`);
    req.station = station;
    return true;
  }
}
