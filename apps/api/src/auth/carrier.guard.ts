import { CanActivate, ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PartnerKeysService } from '@loa/auth';
import type { LoaRequest } from '../http/request-context';

/** Carrier partner routes: `X-Carrier-Key` must be a live key of the carrier named in the path. */
@Injectable()
export class CarrierGuard implements CanActivate {
  constructor(
    private readonly keys: PartnerKeysService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<LoaRequest>();
    const key = req.header('x-carrier-key');
    if (!key) throw new UnauthorizedException('Missing X-Carrier-Key header');
    const owner = await this.keys.verify('carrier', key);
    if (!owner || !owner.organizationId) throw new UnauthorizedException('Carrier key is invalid or revoked');
    const code = String(req.params.code ?? '');
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM carriers WHERE code = $1`, [code]);
    // Another carrier's code behaves like an unknown one.
    if (!rows[0] || rows[0].id !== owner.partnerId)
      throw new NotFoundException(`Carrier ${code} not found for this key`);
    req.carrier = { id: owner.partnerId, code, organizationId: owner.organizationId };
    return true;
  }
}
