import type { CampaignReport } from './campaign-report.service';
import { campaignReportCsv } from './report-csv';
import { emptyCounters } from './row-counters';

const zero = emptyCounters();

describe('campaignReportCsv', () => {
  const report: CampaignReport = {
    id: 'c1',
    title: 'T',
    status: 'running',
    mode: 'actual',
    startsAt: '2026-12-01T00:00:00.000Z',
    endsAt: '2026-12-02T00:00:00.000Z',
    area: [{ code: '31507', name: 'Phường Sóc Trăng', level: 'commune' }],
    channels: {
      sms: {
        ...zero,
        total: 3,
        delivered: 2,
        failed: 1,
        segments: 6,
        receiptsQueried: 0,
        failedByReason: { UNDELIV: 1 },
        byCarrier: {
          viettel: {
            ...zero,
            total: 3,
            delivered: 2,
            failed: 1,
            segments: 6,
            receiptsQueried: 0,
            failedByReason: {},
            viaSecondary: 2,
          },
        },
        carrierOrders: [],
        carrierPauses: [],
        waiting: [],
        routeSwitches: [],
      },
      banner: { portals: 2, served: 10, clicked: 1 },
    },
  };

  it('writes one figure a line, per channel and group, behind a BOM and a bilingual header', () => {
    const lines = campaignReportCsv(report).split('\r\n');
    expect(lines[0]).toBe('\uFEFFKênh / Channel,Nhóm / Group,Chỉ số / Metric,Giá trị / Value');
    expect(lines).toContain('campaign,*,area,31507 Phường Sóc Trăng');
    expect(lines).toContain('sms,*,delivered,2');
    expect(lines).toContain('sms,*,failed:UNDELIV,1');
    expect(lines).toContain('sms,viettel,segments,6');
    expect(lines).toContain('sms,viettel,via_secondary_route,2');
    expect(lines).toContain('banner,*,clicked,1');
    expect(lines.some((l) => l.startsWith('email'))).toBe(false);
  });

  it("names a rehearsal's mode on its first line, and a real campaign's not at all", () => {
    expect(campaignReportCsv({ ...report, mode: 'exercise' }).split('\r\n')[1]).toBe('campaign,*,mode,exercise');
    expect(campaignReportCsv(report)).not.toContain('mode');
  });

  it('quotes a cell that holds quotes, as CSV readers expect', () => {
    const evil: CampaignReport = {
      ...report,
      channels: { sms: { ...report.channels.sms!, failedByReason: { '=HYPERLINK("x")': 1 } } },
    };
    expect(campaignReportCsv(evil)).toContain(`sms,*,"failed:=HYPERLINK(""x"")",1`);
  });
});
