import { radioPlan } from '../radio-plan';
import { describeMisfits, recordingMisfits } from './recording-fit';

const fiveMinuteSlots = {
  code: 'DTT-MX',
  broadcastSlots: [
    { start: '05:30', minutes: 5 },
    { start: '17:00', minutes: 10 },
  ],
};
const noSlots = { code: 'DTT-VC', broadcastSlots: [] };

describe('recordingMisfits', () => {
  it('accepts a recording that fits the shortest slot the plan uses, read repeat times', () => {
    const plan = radioPlan({ stationCodes: ['DTT-MX'], script: 'x', repeat: 2 });
    expect(recordingMisfits(150, plan, [fiveMinuteSlots])).toEqual([]);
  });

  it('names the stations whose slot is too short for duration × readings', () => {
    const plan = radioPlan({ stationCodes: ['DTT-MX', 'DTT-VC'], script: 'x', repeat: 2 });
    expect(recordingMisfits(151, plan, [fiveMinuteSlots, noSlots])).toEqual([
      { station: 'DTT-MX', airtimeSeconds: 300, neededSeconds: 302 },
    ]);
  });

  it('uses only the slots the plan names, and the plan limit when it has one', () => {
    const evening = radioPlan({ stationCodes: ['DTT-MX'], script: 'x', slots: ['17:00'] });
    expect(recordingMisfits(400, evening, [fiveMinuteSlots])).toEqual([]);
    const limited = radioPlan({ stationCodes: ['DTT-MX'], script: 'x', slots: ['17:00'], maxSeconds: 60 });
    expect(recordingMisfits(61, limited, [fiveMinuteSlots])[0]).toMatchObject({ airtimeSeconds: 60 });
  });

  it('says it in Vietnamese first, then English', () => {
    const text = describeMisfits([{ station: 'DTT-MX', airtimeSeconds: 300, neededSeconds: 302 }], 2);
    expect(text).toMatch(/^bản ghi cần 302 giây cho 2 lượt.*DTT-MX \(300 s\) \/ the recording needs 302 s/);
  });
});
