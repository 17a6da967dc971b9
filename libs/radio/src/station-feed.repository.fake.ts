import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Queryable, StationEntity } from '@loa/db';
import type { BroadcastTarget, ChainStation, FeedScriptRecord, StationFeedRepository } from './station-feed.repository';

/** A station's radio delivery row as the fake keeps it. */
export interface FakeRadioDelivery {
  id: string;
  campaignId: string;
  stationCode: string;
  status: string;
}

/**
 * In-memory StationFeedRepository: stations (a relay tree), the scripts each station receives, and the radio
 * delivery rows a pull or a broadcast report moves on. `transaction()` hands out a manager token; a confirmation
 * with another handle is refused.
 */
export class FakeStationFeedRepository implements Pick<StationFeedRepository, keyof StationFeedRepository> {
  readonly stations: StationEntity[] = [];
  /** Scripts by station code, as `scripts()` returns them. */
  readonly scriptRows = new Map<string, FeedScriptRecord[]>();
  readonly deliveries: FakeRadioDelivery[] = [];
  readonly transactions: EntityManager[] = [];
  private open: EntityManager | null = null;

  /** A station (district `rg-hue` unless given). */
  seedStation(row: Partial<StationEntity> = {}): StationEntity {
    const s: StationEntity = {
      id: randomUUID(),
      organizationId: 'org-1',
      code: 'rg-hue',
      name: 'Đài truyền thanh Huế',
      level: 'district',
      parentId: null,
      adminUnitCode: null,
      region: 'central',
      broadcastSlots: [{ start: '06:00', minutes: 30 }],
      timeZone: 'Asia/Ho_Chi_Minh',
      ...row,
    } as StationEntity;
    this.stations.push(s);
    return s;
  }

  /** A launched campaign's script in a station's feed, with its delivery row (queued). */
  seedScript(stationCode: string, row: Partial<FeedScriptRecord> = {}): FeedScriptRecord {
    const r: FeedScriptRecord = {
      campaignId: randomUUID(),
      title: 'Phòng chống bão',
      status: 'running',
      startsAt: new Date('2025-03-02T00:00:00.000Z'),
      endsAt: new Date('2025-03-09T00:00:00.000Z'),
      launchedAt: new Date('2025-03-02T01:00:00.000Z'),
      finishedAt: null,
      content: { stationCodes: [stationCode], script: 'Kính thưa bà con' },
      emergency: false,
      mode: 'actual',
      fields: null,
      documentCode: '12/UBND',
      orgCode: 'hue',
      orgName: 'UBND thành phố Huế',
      revisions: null,
      ...row,
    };
    this.scriptRows.set(stationCode, [...(this.scriptRows.get(stationCode) ?? []), r]);
    this.deliveries.push({
      id: String(this.deliveries.length + 1),
      campaignId: r.campaignId,
      stationCode,
      status: 'queued',
    });
    return r;
  }

  delivery(campaignId: string, stationCode: string): FakeRadioDelivery | undefined {
    return this.deliveries.find((d) => d.campaignId === campaignId && d.stationCode === stationCode);
  }

  /** Throws unless `q` is the manager of the transaction running now. */
  assertInTransaction(q: Queryable | EntityManager, what: string): void {
    if (!this.open || q !== this.open) throw new Error(`fake: ${what} outside its transaction`);
  }

  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.open) throw new Error('fake: nested transaction');
    const manager = { fake: `feed transaction ${this.transactions.length + 1}` } as unknown as EntityManager;
    const before = this.deliveries.map((d) => ({ ...d }));
    this.transactions.push(manager);
    this.open = manager;
    try {
      return await work(manager);
    } catch (err) {
      this.deliveries.splice(0, this.deliveries.length, ...before);
      throw err;
    } finally {
      this.open = null;
    }
  }

  async stationByCode(code: string): Promise<StationEntity | null> {
    return this.stations.find((s) => s.code === code) ?? null;
  }

  async chain(stationId: string): Promise<ChainStation[]> {
    const out: ChainStation[] = [];
    let s = this.stations.find((x) => x.id === stationId);
    while (s && out.length <= 10) {
      out.push({
        id: s.id,
        code: s.code,
        name: s.name,
        region: s.region,
        broadcastSlots: s.broadcastSlots,
        timeZone: s.timeZone,
      });
      const parentId = s.parentId;
      s = this.stations.find((x) => x.id === parentId);
    }
    return out;
  }

  async scripts(stationCode: string): Promise<FeedScriptRecord[]> {
    return (this.scriptRows.get(stationCode) ?? []).map((r) => ({ ...r }));
  }

  async feedEntry(stationCode: string, campaignId: string): Promise<{ content: unknown; status: string } | null> {
    const r = (this.scriptRows.get(stationCode) ?? []).find((x) => x.campaignId === campaignId);
    return r && ['running', 'paused', 'completed'].includes(r.status) ? { content: r.content, status: r.status } : null;
  }

  async broadcastTarget(q: Queryable, stationCode: string, campaignId: string): Promise<BroadcastTarget | null> {
    this.assertInTransaction(q, 'broadcastTarget');
    const r = (this.scriptRows.get(stationCode) ?? []).find((x) => x.campaignId === campaignId && x.launchedAt);
    const d = this.delivery(campaignId, stationCode);
    return r && d ? { deliveryId: d.id, campaignStatus: r.status, finishedAt: r.finishedAt } : null;
  }

  async markPulled(stationCode: string, campaignIds: string[]): Promise<void> {
    for (const d of this.deliveries) {
      if (d.stationCode === stationCode && d.status === 'queued' && campaignIds.includes(d.campaignId)) {
        d.status = 'pulled';
      }
    }
  }

  async markConfirmed(q: Queryable, deliveryId: string): Promise<void> {
    this.assertInTransaction(q, 'markConfirmed');
    const d = this.deliveries.find((x) => x.id === deliveryId);
    if (d && ['queued', 'pulled'].includes(d.status)) d.status = 'confirmed';
  }
}
