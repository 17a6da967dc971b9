import { CanActivate, ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PartnerKeysService, SignatureCheck, checkPartnerSignature, sha256 } from '@loa/auth';
import type { LoaRequest } from '../http/request-context';

const SIGNATURE_ERRORS: Record<Exclude<SignatureCheck, 'ok'>, string> = {
  missing: 'Signed request required: X-Loa-Timestamp and X-Loa-Signature',
  stale: 'X-Loa-Timestamp is outside the 5-minute window (a replay?)',
  bad: 'X-Loa-Signature does not match the body',
};

/**
 * Carrier partner routes: `X-Carrier-Key` must be a live key of the carrier named in the path, and every
 * request that changes something must also be signed (HMAC over timestamp and body, within 5 minutes).
 */
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
    if (req.method !== 'GET') {
      const check = checkPartnerSignature({
        keyHash: sha256(key),
        timestamp: req.header('x-loa-timestamp'),
        signature: req.header('x-loa-signature'),
        rawBody: req.rawBody ?? Buffer.alloc(0),
        now: Date.now(),
      });
      if (check !== 'ok') throw new UnauthorizedException(SIGNATURE_ERRORS[check]);
    }
    req.carrier = { id: owner.partnerId, code, organizationId: owner.organizationId };
    return true;
  }
}
