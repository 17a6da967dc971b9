import { loadAdminUnits, resolveArea } from '@loa/admin-units';
import { checkCampaignArea, DirectoryPlaces } from './campaign-area-rules';

describe('checkCampaignArea (shipped map)', () => {
  const { map } = loadAdminUnits();
  const day = '2026-12-04';
  const area = (...codes: string[]) => resolveArea(map, codes, day).units;
  const places = (over: Partial<DirectoryPlaces> = {}): DirectoryPlaces => ({
    organizationUnit: null,
    organizationProvince: null,
    stations: [],
    portals: [{ code: 'cong-tinh', unit: null }],
    agencies: [],
    ...over,
  });
  const banner = { headline: 'h', body: 'b', targetUrl: 'https://x.gov.vn', portalCodes: ['cong-tinh'] };

  it('places an entry without a unit where its organisation is: its code, or its province as written', () => {
    // An organisation recorded before units: "Kiên Giang" is read as today's An Giang (91).
    const byName = places({ organizationProvince: 'Kiên Giang' });
    expect(checkCampaignArea(map, area('91'), day, byName, { banner }).problems).toEqual([]);
    expect(checkCampaignArea(map, area('92'), day, byName, { banner }).problems.map((p) => p.field)).toEqual([
      'channels.banner.portalCodes',
    ]);
    const byCode = places({ organizationUnit: '92', organizationProvince: 'Kiên Giang' });
    expect(checkCampaignArea(map, area('92'), day, byCode, { banner }).problems).toEqual([]);
    // Nowhere known: not within any area.
    expect(checkCampaignArea(map, area('92'), day, places(), { banner }).problems).toHaveLength(1);
  });

  it('checks carrier orders with or without an area, and names them', () => {
    const sms = {
      text: 'x',
      carrierOrders: [
        { carrierCode: 'viettel', area: '31507' },
        { carrierCode: 'viettel', area: '941' },
      ],
    };
    const check = checkCampaignArea(map, [], day, places(), { sms });
    expect(check.carrierOrders).toEqual([{ carrierCode: 'viettel', area: '31507', areaName: 'Phường Sóc Trăng' }]);
    expect(check.problems).toEqual([
      { field: 'channels.sms.carrierOrders[1].area', message: expect.stringContaining('941 Thành phố Sóc Trăng') },
    ]);
  });

  it('gives a radio plan without stations the topmost stations in the area, and asks for stations without an area', () => {
    const stations = [
      { code: 'a-phuong', unit: '31507', parentCode: null },
      { code: 'a-phuong-to-1', unit: '31507', parentCode: 'a-phuong' },
      { code: 'b-huyen-cu', unit: '944', parentCode: null },
    ];
    const radio = { stationCodes: [], script: 's' };
    expect(checkCampaignArea(map, area('31507'), day, places({ stations }), { radio }).radioStationCodes).toEqual([
      'a-phuong',
    ]);
    expect(checkCampaignArea(map, area('92'), day, places({ stations }), { radio }).radioStationCodes).toEqual([
      'a-phuong',
      'b-huyen-cu',
    ]);
    expect(checkCampaignArea(map, [], day, places({ stations }), { radio }).problems[0].field).toBe(
      'channels.radio.stationCodes',
    );
  });

  it('narrows an agency group to its members within the area, keeps a group wholly within, refuses one wholly out', () => {
    const agencies = [
      { code: 'ubnd-myhuong', groupCode: 'ubnd-xa', unit: '31591' }, // Xã Mỹ Hương
      { code: 'ubnd-phuong-st', groupCode: 'ubnd-xa', unit: '31507' }, // Phường Sóc Trăng
      { code: 'so-yte', groupCode: 'so-nganh', unit: null }, // the organisation's province (92)
      { code: 'cong-an-myhuong', groupCode: 'luc-luong', unit: '31591' },
      { code: 'ubnd-vinhchau', groupCode: 'ubnd-vinhchau', unit: '31783' },
    ];
    const at = places({ organizationUnit: '92', agencies });
    const email = (groups: string[], codes: string[] = []) => ({
      subject: 's',
      body: 'b',
      agencyGroups: groups,
      agencyCodes: codes,
    });
    const partly = checkCampaignArea(map, area('31591'), day, at, { email: email(['ubnd-xa', 'luc-luong']) });
    expect(partly.problems).toEqual([]);
    expect(partly.email).toEqual({ agencyCodes: ['ubnd-myhuong'], agencyGroups: ['luc-luong'] });
    // Wholly within: unchanged. The province's area holds every member.
    expect(checkCampaignArea(map, area('92'), day, at, { email: email(['ubnd-xa', 'so-nganh']) }).email).toBeNull();
    const none = checkCampaignArea(map, area('31591'), day, at, { email: email(['ubnd-vinhchau']) });
    expect(none.problems).toEqual([
      { field: 'channels.email.agencyGroups', message: expect.stringContaining('ubnd-vinhchau') },
    ]);
    // An agency named outside the area is still refused by name.
    const named = checkCampaignArea(map, area('31591'), day, at, { email: email([], ['so-yte']) });
    expect(named.problems.map((p) => p.field)).toEqual(['channels.email.agencyCodes']);
  });
});
