import { UTF8_BOM, csvRow, isRehearsal } from '@loa/common';
import type { CampaignReport } from './campaign-report.service';
import { ROW_COUNTER_KEYS, type RowCounters } from './row-counters';

type Row = [channel: string, group: string, metric: string, value: number | string];

/**
 * The campaign report as CSV in long form (channel, group, metric, value: one figure a line), so a spreadsheet
 * pivots it any way; UTF-8 with BOM for Excel, cells neutralised against formula injection. Pure.
 */
export function campaignReportCsv(report: CampaignReport): string {
  // A rehearsal says so first, so its figures are never summed with real campaigns' by mistake.
  const rows: Row[] = isRehearsal(report.mode) ? [['campaign', '*', 'mode', report.mode]] : [];
  for (const unit of report.area) rows.push(['campaign', '*', 'area', `${unit.code} ${unit.name}`]);
  const counters = (channel: string, group: string, c: RowCounters) => {
    for (const k of ROW_COUNTER_KEYS) rows.push([channel, group, k, c[k]]);
  };
  const { sms, email, banner, radio, radioBroadcasts } = report.channels;
  if (sms) {
    counters('sms', '*', sms);
    rows.push(['sms', '*', 'segments', sms.segments], ['sms', '*', 'receipts_queried', sms.receiptsQueried]);
    for (const [reason, n] of Object.entries(sms.failedByReason)) rows.push(['sms', '*', `failed:${reason}`, n]);
    for (const [carrier, c] of Object.entries(sms.byCarrier)) {
      counters('sms', carrier, c);
      rows.push(['sms', carrier, 'segments', c.segments]);
      if (c.viaSecondary) rows.push(['sms', carrier, 'via_secondary_route', c.viaSecondary]);
    }
    for (const o of sms.carrierOrders) {
      const group = `order:${o.carrierCode}:${o.area}`;
      rows.push(
        ['sms', group, 'status', o.status],
        ['sms', group, 'submitted', o.submitted],
        ['sms', group, 'delivered', o.delivered],
        ['sms', group, 'failed', o.failed],
      );
    }
  }
  if (email) counters('email', '*', email);
  if (banner) {
    rows.push(['banner', '*', 'portals', banner.portals], ['banner', '*', 'served', banner.served]);
    rows.push(['banner', '*', 'clicked', banner.clicked]);
  }
  if (radio) {
    for (const k of ['stations', 'pulled', 'confirmed', 'pending'] as const) rows.push(['radio', '*', k, radio[k]]);
  }
  for (const s of radioBroadcasts?.stations ?? []) {
    for (const slot of s.slots) {
      for (const k of ['aired', 'missed', 'skipped', 'withdrawn', 'pending'] as const) {
        rows.push(['radio', `${s.code}@${slot.slot}`, k, slot[k]]);
      }
    }
  }
  const head = csvRow(['Kênh / Channel', 'Nhóm / Group', 'Chỉ số / Metric', 'Giá trị / Value']);
  return UTF8_BOM + head + rows.map((r) => csvRow(r)).join('');
}
