import type { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '@loa/config';
import type { CampaignEntity, ChannelPlanEntity } from '@loa/db';
import type { ChannelFanout, DeliveriesRepository, SendBatch } from '@loa/delivery';
import type { CampaignPlansRepository, CampaignsRepository } from './campaigns.repository';
import { FakeCampaignPlansRepository, FakeCampaignsRepository } from './campaigns.repository.fake';
import { FanoutService } from './fanout.service';

/** A channel's fan-out that records what the core asked of it. */
class RecordingFanout implements ChannelFanout {
  readonly materialised: Array<{ campaignId: string; channel: string; inTransaction: boolean }> = [];
  readonly pages: SendBatch[][] = [];
  failNext = false;

  constructor(private readonly campaigns: FakeCampaignsRepository) {}

  async materialise(m: EntityManager, campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('carrier table unreachable');
    }
    let inTransaction = true;
    try {
      this.campaigns.assertInTransaction(m, 'materialise');
    } catch {
      inTransaction = false;
    }
    this.materialised.push({ campaignId: campaign.id, channel: plan.channel, inTransaction });
  }
}

class PushFanout extends RecordingFanout {
  async enqueue(_campaignId: string, batches: SendBatch[]): Promise<void> {
    this.pages.push(batches);
  }
}

/** Discovery over a fixed list of (channel, instance) providers, as Nest's would find them by their decorator. */
function fakeDiscovery(providers: Array<[string, ChannelFanout]>): DiscoveryService {
  const wrappers = providers.map(([channel, instance]) => ({ name: instance.constructor.name, instance, channel }));
  return {
    getProviders: () => wrappers,
    getMetadataByDecorator: (_d: unknown, w: { channel: string }) => w.channel,
  } as unknown as DiscoveryService;
}

/** Queued rows and the campaign status as the delivery repository would read them. */
class FakeDeliveries {
  queued: Array<{ id: string; carrierCode: string }> = [];
  /** Status answered on each read, in turn; the last one repeats. */
  statuses: string[] = ['running'];
  statusReads = 0;

  async campaignStatus(): Promise<string | null> {
    const s = this.statuses[Math.min(this.statusReads, this.statuses.length - 1)];
    this.statusReads += 1;
    return s;
  }

  /** Batches of one carrier each (the real cut is PostgreSQL's, tested against it in fanout-and-claims). */
  async queuedBatches(_campaignId: string, _channel: string, afterId: string, pageRows: number, batchSize: number) {
    const page = this.queued.filter((r) => BigInt(r.id) > BigInt(afterId)).slice(0, pageRows);
    const batches: SendBatch[] = [];
    for (let i = 0; i < page.length; i += batchSize) {
      const rows = page.slice(i, i + batchSize);
      batches.push({ carrierCode: rows[0].carrierCode, first: rows[0].id, last: rows.at(-1)!.id, rows: rows.length });
    }
    return { batches, rows: page.length, lastId: page.at(-1)?.id ?? null };
  }
}

describe('FanoutService (fakes: no database, no queue)', () => {
  const config = { delivery: { batchSize: 2 } } as unknown as AppConfig;
  let campaigns: FakeCampaignsRepository;
  let plans: FakeCampaignPlansRepository;
  let deliveries: FakeDeliveries;
  let sms: PushFanout;
  let radio: RecordingFanout;

  const service = (providers: Array<[string, ChannelFanout]>) =>
    new FanoutService(
      campaigns as unknown as CampaignsRepository,
      plans as unknown as CampaignPlansRepository,
      config,
      deliveries as unknown as DeliveriesRepository,
      fakeDiscovery(providers),
    );

  beforeEach(() => {
    campaigns = new FakeCampaignsRepository();
    plans = new FakeCampaignPlansRepository(campaigns);
    deliveries = new FakeDeliveries();
    sms = new PushFanout(campaigns);
    radio = new RecordingFanout(campaigns);
  });

  it('has each channel materialise its plan once, in a transaction that also marks the plan done', async () => {
    const c = campaigns.seed({ status: 'running' });
    plans.seed(c.id, 'sms', { text: 'x' });
    plans.seed(c.id, 'radio', { stationCodes: ['DTT'] });
    const fanout = service([
      ['sms', sms],
      ['radio', radio],
    ]);
    await fanout.run(c.id, 0);
    await fanout.run(c.id, 0); // a repeated job materialises nothing again
    expect(sms.materialised).toEqual([{ campaignId: c.id, channel: 'sms', inTransaction: true }]);
    expect(radio.materialised).toEqual([{ campaignId: c.id, channel: 'radio', inTransaction: true }]);
    expect([...plans.materialised].sort()).toEqual([`${c.id}/radio`, `${c.id}/sms`]);
  });

  it('leaves a plan not materialised when its channel fails, so the retried job does it', async () => {
    const c = campaigns.seed({ status: 'running' });
    plans.seed(c.id, 'sms', { text: 'x' });
    const fanout = service([['sms', sms]]);
    sms.failNext = true;
    await expect(fanout.run(c.id, 0)).rejects.toThrow('carrier table unreachable');
    expect(plans.materialised.size).toBe(0);
    await fanout.run(c.id, 0);
    expect(plans.materialised).toEqual(new Set([`${c.id}/sms`]));
  });

  it('pages queued rows to push channels only, and stops when the campaign stops running', async () => {
    const c = campaigns.seed({ status: 'running' });
    plans.seed(c.id, 'sms', { text: 'x' });
    plans.seed(c.id, 'radio', { stationCodes: ['DTT'] });
    // batchSize 2 → pages of 400 rows (200 batches); 1,000 rows make three pages.
    deliveries.queued = Array.from({ length: 1000 }, (_, i) => ({ id: String(i + 1), carrierCode: 'viettel' }));
    await service([
      ['sms', sms],
      ['radio', radio],
    ]).run(c.id, 0);
    expect(sms.pages.map((p) => p.length)).toEqual([200, 200, 100]);
    const covered = sms.pages.flat().flatMap((b) => [b.first, b.last]);
    expect(covered).toEqual(deliveries.queued.map((r) => r.id)); // every row once, in order, two per batch
    expect(radio.pages).toEqual([]);

    sms.pages.length = 0;
    deliveries.statuses = ['running', 'paused'];
    deliveries.statusReads = 0;
    await service([
      ['sms', sms],
      ['radio', radio],
    ]).run(c.id, 1);
    expect(sms.pages.map((p) => p.length)).toEqual([200]);
  });

  it('does nothing for a campaign that is not running', async () => {
    const c = campaigns.seed({ status: 'paused' });
    plans.seed(c.id, 'sms', { text: 'x' });
    await service([['sms', sms]]).run(c.id, 0);
    await service([['sms', sms]]).run('no-such-campaign', 0);
    expect(sms.materialised).toEqual([]);
  });

  it('refuses a plan whose channel has no fan-out, without marking it done, and names missing channels', async () => {
    const c = campaigns.seed({ status: 'running' });
    plans.seed(c.id, 'email', { agencyCodes: ['A'] });
    const fanout = service([['sms', sms]]);
    await expect(fanout.run(c.id, 0)).rejects.toThrow('no fan-out for channel "email"');
    expect(plans.materialised.size).toBe(0);
    expect(fanout.missingChannels()).toEqual(['email', 'banner', 'radio']);
  });

  it('fails at start-up when two providers claim one channel', () => {
    const fanout = service([
      ['sms', sms],
      ['sms', new PushFanout(campaigns)],
    ]);
    expect(() => fanout.onModuleInit()).toThrow('two fan-outs for channel "sms": PushFanout and PushFanout');
  });
});
