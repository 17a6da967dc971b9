import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { timelineBucketSeconds } from '@loa/common';

export interface TimelinePoint {
  /** Start of the bucket (ISO). */
  at: string;
  sent: number;
  delivered: number;
  failed: number;
}

export interface CampaignTimeline {
  channel: string;
  bucketSeconds: number;
  points: TimelinePoint[];
}

/**
 * Deliveries of one channel over time, in round buckets chosen from the span (at most 60): handed over (`sent_at`)
 * and settled as delivered or failed (`final_at`). Reads `deliveries`; writes nothing.
 */
@Injectable()
export class CampaignTimelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async timeline(campaignId: string, channel: string): Promise<CampaignTimeline> {
    const [span]: Array<{ lo: Date | null; hi: Date | null }> = await this.dataSource.query(
      `SELECT min(sent_at) AS lo, greatest(max(sent_at), max(final_at)) AS hi
         FROM deliveries WHERE campaign_id = $1 AND channel = $2 AND sent_at IS NOT NULL`,
      [campaignId, channel],
    );
    if (!span?.lo || !span.hi) return { channel, bucketSeconds: 60, points: [] };
    const bucketSeconds = timelineBucketSeconds(span.hi.getTime() - span.lo.getTime());
    const rows: Array<{ bucket: Date; kind: string; n: string }> = await this.dataSource.query(
      `SELECT date_bin(make_interval(secs => $3), e.at, $4::timestamptz) AS bucket, e.kind, count(*) AS n
         FROM (SELECT sent_at AS at, 'sent' AS kind FROM deliveries
                WHERE campaign_id = $1 AND channel = $2 AND sent_at IS NOT NULL
               UNION ALL
               SELECT final_at, status FROM deliveries
                WHERE campaign_id = $1 AND channel = $2 AND final_at IS NOT NULL AND status IN ('delivered', 'failed')) e
        GROUP BY 1, 2 ORDER BY 1`,
      [campaignId, channel, bucketSeconds, span.lo],
    );
    const points = new Map<number, TimelinePoint>();
    for (const r of rows) {
      const key = r.bucket.getTime();
      const p = points.get(key) ?? { at: r.bucket.toISOString(), sent: 0, delivered: 0, failed: 0 };
      p[r.kind as 'sent' | 'delivered' | 'failed'] += Number(r.n);
      points.set(key, p);
    }
    return { channel, bucketSeconds, points: [...points.values()] };
  }
}
