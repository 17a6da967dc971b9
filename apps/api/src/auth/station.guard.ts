import { CanActivate, ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AuthService } from '@loa/auth';
import { StationFeedService } from '@loa/radio';
import type { LoaRequest } from '../http/request-context';

/** Station routes: `X-Station-Key` must be a live key of the station named in the path. */
@Injectable()
export class StationGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly feeds: StationFeedService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<LoaRequest>();
    const key = req.header('x-station-key');
    if (!key) throw new UnauthorizedException('Missing X-Station-Key header');
    const stationId = await this.auth.verifyPartnerKey('station', key);
    if (!stationId) throw new UnauthorizedException('Station key is invalid or revoked');
    const code = String(req.params.code ?? '');
    const station = await this.feeds.stationByCode(code);
    // Another station's code behaves like an unknown one: no hint that it exists.
    if (!station || station.id !== stationId) throw new NotFoundException(`Station ${code} not found for this key`);
    req.station = station;
    return true;
  }
}
