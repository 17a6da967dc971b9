import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Directory, matchDirectory, proposeChannels } from './match-directory';
import { nameKey, provinceKey, sameName } from './names';
import { parseOfficialDomains } from './official-domains';
import { proposeChannelPlan } from './propose-plan';

const ROOT = join(__dirname, '../../../..');
const officialDomains = parseOfficialDomains(
  JSON.parse(readFileSync(join(ROOT, 'config/official-domains.json'), 'utf8')),
);
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/directives', name), 'utf8');

/** The demo province, as the seed loads it (config/demo/soc-trang.json). */
function demoDirectory(): Directory {
  const demo = JSON.parse(readFileSync(join(ROOT, 'config/demo/soc-trang.json'), 'utf8')) as {
    organization: { province: string };
    agencies: Array<{ code: string; name: string; group: string }>;
    portals: Array<{ code: string; name: string; url: string }>;
    stations: Array<{ code: string; name: string; level: 'district' | 'commune'; parent: string | null }>;
    carriers: Array<{ code: string; name: string }>;
  };
  return {
    province: demo.organization.province,
    agencies: demo.agencies.map((a) => ({ code: a.code, name: a.name, groupCode: a.group })),
    portals: demo.portals.map((p) => ({ code: p.code, name: p.name, url: p.url })),
    stations: demo.stations.map((s) => ({ code: s.code, name: s.name, level: s.level, parentCode: s.parent })),
    carriers: demo.carriers.map((c) => ({ code: c.code, name: c.name })),
  };
}

describe('names', () => {
  it('compares names without the province, abbreviations or filler words', () => {
    const st = [provinceKey('UBND TỈNH SÓC TRĂNG')];
    expect(st).toEqual(['soc trang']);
    expect(nameKey('Sở Y tế tỉnh Sóc Trăng', st)).toBe('so y te');
    expect(nameKey('Cổng TTĐT của tỉnh', st)).toBe('cong thong tin dien tu');
    expect(nameKey('Đài PT-TH Sóc Trăng', st)).toBe(nameKey('Đài Phát thanh và Truyền hình Sóc Trăng', st));
    expect(sameName('so y te', 'so y te')).toBe(true);
    expect(sameName('cong thong tin dien tu', 'cong thong tin dien tu soc trang')).toBe(true);
    expect(sameName('so', 'so y te')).toBe(false);
    expect(sameName('so y', 'so y te')).toBe(true);
  });
});

describe('matchDirectory with the Sóc Trăng demo directory', () => {
  const proposal = proposeChannelPlan(fixture('soc-trang-stttt-2021-09-vandongxahoi.txt'), { officialDomains });
  const directory = demoDirectory();
  const match = matchDirectory(proposal.entries, directory, ['soc trang']);

  it('maps groups to their members and named bodies to their entries; stations of a named district relay it', () => {
    const summary = match.matches.map((m) => [
      m.addressee,
      m.by,
      m.targets.map((t) => (t.relaysFrom ? `${t.code}←${t.relaysFrom}` : t.code)),
    ]);
    expect(summary).toEqual([
      ['Các sở, ban, ngành tỉnh', 'group', ['so-gddt', 'so-tc', 'so-yte']],
      ['UBND các huyện, thị xã, thành phố', 'group', ['ubnd-h-mytu', 'ubnd-tp-soctrang']],
      ['Báo Sóc Trăng', 'name', ['bao-soctrang']],
      ['Đài Phát thanh - Truyền hình Sóc Trăng', 'name', ['dai-pttt-soctrang']],
      ['UBND các xã, phường, thị trấn', 'group', ['ubnd-tt-huynhhuunghia', 'ubnd-x-myhuong']],
      ['Đài Truyền thanh các huyện, thị xã, thành phố', 'group', ['dtt-mytu', 'dtt-tp-soctrang']],
      ['Website của cơ quan, đơn vị', 'group', ['cong-ttdt-tinh', 'stttt-web']],
      ['Đài/Trạm Truyền thanh cấp xã', 'group', ['dtt-xa-mytu-myhuong←dtt-mytu', 'dtt-xa-mytu-thitran←dtt-mytu']],
    ]);
    expect(match.unmatched).toEqual([]);
  });

  it('proposes channels in the shape of CreateCampaignDto.channels', () => {
    expect(proposeChannels(proposal, match, { areas: [{ code: '92', name: 'Thành phố Cần Thơ' }] })).toEqual({
      email: {
        agencyGroups: ['so-ban-nganh', 'ubnd-huyen', 'ubnd-xa'],
        agencyCodes: ['bao-soctrang', 'dai-pttt-soctrang'],
        message: proposal.drafts.email.message,
      },
      banner: {
        headline: proposal.drafts.banner.headline,
        body: 'Tìm hiểu thêm tại vandongxahoi.mattran.org.vn',
        targetUrl: 'https://vandongxahoi.mattran.org.vn',
        portalCodes: ['cong-ttdt-tinh', 'stttt-web'],
      },
      radio: {
        stationCodes: ['dtt-mytu', 'dtt-tp-soctrang'],
        script: proposal.drafts.radio.script,
        slots: ['06:00', '17:00'],
      },
    });
  });

  it('lists what matches nothing, and proposes carrier orders for the province', () => {
    const p = proposeChannelPlan(
      [
        'UBND TỈNH SÓC TRĂNG',
        'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
        'V/v nhắn tin cảnh báo bão số 5',
        'Kính gửi:',
        '- Các doanh nghiệp viễn thông trên địa bàn tỉnh;',
        '- Các huyện ủy, thị ủy, thành ủy;',
        '- Sở Nội vụ;',
        '- Cổng Thông tin điện tử tỉnh.',
        'Đề nghị các đơn vị thực hiện./.',
      ].join('\n'),
      { officialDomains },
    );
    const m = matchDirectory(p.entries, directory, ['soc trang']);
    expect(m.unmatched).toEqual([
      {
        channel: 'email',
        addressee: 'Các huyện ủy, thị ủy, thành ủy',
        group: 'cap-uy',
        reason: {
          vi: 'Danh bạ không có cơ quan nào thuộc nhóm “cap-uy”.',
          en: 'The directory has no agency in the group “cap-uy”.',
        },
      },
      {
        channel: 'email',
        addressee: 'Sở Nội vụ',
        group: 'so-ban-nganh',
        reason: {
          vi: 'Danh bạ không có cơ quan nào tên “Sở Nội vụ”.',
          en: 'The directory has no agency named “Sở Nội vụ”.',
        },
      },
    ]);
    const areas = [
      { code: '92', name: 'Thành phố Cần Thơ' },
      { code: '91', name: 'Tỉnh An Giang' },
    ];
    const channels = proposeChannels(p, m, { areas, fallbackTargetUrl: 'https://www.soctrang.gov.vn' });
    expect(channels.sms).toEqual({
      text: p.drafts.sms.text,
      stripDiacritics: true,
      carrierOrders: ['gmobile', 'itel', 'mobifone', 'reddi', 'vietnamobile', 'viettel', 'vinaphone'].flatMap((c) => [
        { carrierCode: c, area: '92', areaName: 'Thành phố Cần Thơ' },
        { carrierCode: c, area: '91', areaName: 'Tỉnh An Giang' },
      ]),
    });
    expect(channels.email).toBeUndefined();
    expect(channels.banner).toMatchObject({
      portalCodes: ['cong-ttdt-tinh'],
      targetUrl: 'https://www.soctrang.gov.vn',
    });
  });

  it('matches a named carrier by its code or name', () => {
    const p = proposeChannelPlan(
      'Kính gửi:\n- Viettel Sóc Trăng;\n- Tổng Công ty Viễn thông MobiFone.\nĐề nghị thực hiện./.',
      {
        officialDomains,
      },
    );
    const m = matchDirectory(p.entries, directory);
    expect(m.matches.map((x) => x.targets.map((t) => t.code))).toEqual([['viettel'], ['mobifone']]);
  });
});
