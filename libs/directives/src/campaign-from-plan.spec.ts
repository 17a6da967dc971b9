import { campaignFromPlan } from './campaign-from-plan';
import type { ProposedChannels } from './plan';

const channels: ProposedChannels = {
  sms: {
    text: 'Sở TTTT: thông báo',
    stripDiacritics: true,
    carrierOrders: [{ carrierCode: 'viettel', area: '92', areaName: 'Thành phố Cần Thơ' }],
  },
  email: { agencyGroups: ['so-ban-nganh'], agencyCodes: ['bao-soctrang'], message: 'Kính gửi' },
  banner: {
    headline: 'Tiêu đề',
    body: 'Nội dung',
    targetUrl: 'https://soctrang.gov.vn',
    portalCodes: ['cong-ttdt-tinh'],
  },
  radio: { stationCodes: ['dtt-mytu'], script: 'Kính thưa bà con', slots: ['06:00'] },
};
const proposal = { title: 'Đề xuất', channels };
const ID = '00000000-0000-4000-8000-000000000001';

describe('campaignFromPlan', () => {
  it('takes the proposal as it is when nothing is edited', () => {
    expect(campaignFromPlan(ID, proposal, {})).toEqual({
      input: { directiveId: ID, title: 'Đề xuất', channels },
      problems: [],
    });
  });

  it('takes the proposed area, or the editor’s, moving the carrier orders to the area chosen', () => {
    const withArea = { ...proposal, area: { proposed: [{ code: '92' }] } };
    expect(campaignFromPlan(ID, withArea, {}).input).toMatchObject({ area: ['92'], channels });
    const narrowed = campaignFromPlan(ID, withArea, { area: ['31507', '31591'] }).input!;
    expect(narrowed.area).toEqual(['31507', '31591']);
    expect(narrowed.channels.sms?.carrierOrders).toEqual([
      { carrierCode: 'viettel', area: '31507' },
      { carrierCode: 'viettel', area: '31591' },
    ]);
    // A radio plan may name no station when there is an area (the area's stations go), not without one.
    expect(campaignFromPlan(ID, withArea, { channels: { radio: { stationCodes: [] } } }).problems).toEqual([]);
    expect(campaignFromPlan(ID, proposal, { channels: { radio: { stationCodes: [] } } }).problems[0].field).toBe(
      'channels.radio.stationCodes',
    );
    // Orders the editor wrote are kept as written.
    const own = [{ carrierCode: 'mobifone', area: '31507' }];
    const edited = campaignFromPlan(ID, withArea, { area: ['31507'], channels: { sms: { carrierOrders: own } } });
    expect(edited.input?.channels.sms?.carrierOrders).toEqual(own);
  });

  it('carries fields it does not know (a newer plan field) over unchanged', () => {
    const r = campaignFromPlan(ID, proposal, { channels: { radio: { priority: 'emergency' } as never } });
    expect(r.input?.channels.radio).toEqual({ ...channels.radio, priority: 'emergency' });
  });

  it('merges edits field by field, drops a channel set to null, and keeps the dates given', () => {
    const startsAt = new Date('2026-01-01T00:00:00Z');
    const r = campaignFromPlan(ID, proposal, {
      title: 'Sửa tiêu đề',
      startsAt,
      channels: { sms: { subscribers: ['0961234567'] }, banner: null, radio: { slots: ['06:00', '17:00'] } },
    });
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      directiveId: ID,
      title: 'Sửa tiêu đề',
      startsAt,
      channels: {
        sms: { ...channels.sms, subscribers: ['0961234567'] },
        email: channels.email,
        radio: { ...channels.radio, slots: ['06:00', '17:00'] },
      },
    });
  });

  it('names what the proposal cannot supply', () => {
    const r = campaignFromPlan(
      ID,
      { title: 'x', channels: { banner: { headline: 'H', body: '', portalCodes: [] } } },
      {
        channels: { sms: { text: 'Tin nhắn' }, radio: { script: 'Bản tin' } },
      },
    );
    expect(r.input).toBeNull();
    expect(r.problems.map((p) => p.field)).toEqual([
      'channels.sms',
      'channels.banner.targetUrl',
      'channels.radio.stationCodes',
    ]);
    expect(r.problems[0].message).toBe(
      'cần danh sách thuê bao hoặc lệnh cho nhà mạng / give subscribers or carrierOrders; ' +
        'hoặc gửi null để bỏ kênh này / or send null to leave this channel out',
    );
  });
});
