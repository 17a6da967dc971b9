import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { localDateKey } from '../schedule';
import { CarrierRoutesRepository } from '../routes/carrier-routes.repository';
import { SmsBatchRepository } from '../sms-batch.repository';
import { CarriersRepository } from './carriers.repository';
import { CarrierSendingTerms, carrierSendingTerms } from './sending-terms';

/** A carrier with its sending terms and what it has been handed today (its daily quota's count). */
export interface CarrierTermsView extends CarrierSendingTerms {
  code: string;
  name: string;
  provider: string;
  enabled: boolean;
  /** The local day (SMS_TIME_ZONE) the count is of. */
  day: string;
  sentToday: number;
  /** The provider of its second route (`connection.secondary`); null: none. */
  secondaryProvider: string | null;
  /** Since when its second route carries it (failed over); null: its primary does. */
  onSecondarySince: string | null;
}

/** Carriers' terms for the people who run Loa: what each row lets it send, and today's use of the quota. */
@Injectable()
export class CarrierTermsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly carriers: CarriersRepository,
    private readonly batches: SmsBatchRepository,
    private readonly routes: CarrierRoutesRepository,
  ) {}

  async list(now = new Date()): Promise<CarrierTermsView[]> {
    const day = localDateKey(now, this.config.sms.timeZone);
    const [carriers, counts, onSecondary] = await Promise.all([
      this.carriers.all(),
      this.batches.carrierCountsOn(day),
      this.routes.onSecondary(),
    ]);
    return carriers.map((c) => ({
      code: c.code,
      name: c.name,
      provider: c.provider,
      enabled: c.enabled,
      ...carrierSendingTerms(c),
      day,
      sentToday: counts.get(c.code) ?? 0,
      secondaryProvider: secondaryProviderOf(c.connection),
      onSecondarySince: onSecondary.get(c.code)?.toISOString() ?? null,
    }));
  }
}

function secondaryProviderOf(connection: Record<string, unknown>): string | null {
  const secondary = connection.secondary as { provider?: unknown } | null | undefined;
  return secondary && typeof secondary.provider === 'string' ? secondary.provider : null;
}
