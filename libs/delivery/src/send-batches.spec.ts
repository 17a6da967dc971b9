import { sendBatches, sendJobOptions } from './send-batches';

describe('sendBatches', () => {
  it('groups by carrier, keeps id order and cuts at the batch size', () => {
    const rows = [
      { id: '1', carrierCode: 'viettel' },
      { id: '2', carrierCode: 'mobifone' },
      { id: '3', carrierCode: 'viettel' },
      { id: '4', carrierCode: 'viettel' },
      { id: '5', carrierCode: 'mobifone' },
    ];
    expect(sendBatches(rows, 2)).toEqual([
      { carrierCode: 'viettel', deliveryIds: ['1', '3'] },
      { carrierCode: 'viettel', deliveryIds: ['4'] },
      { carrierCode: 'mobifone', deliveryIds: ['2', '5'] },
    ]);
  });

  it('puts rows without a carrier (email) in one group and refuses a size below one', () => {
    expect(sendBatches([{ id: '7', carrierCode: null }], 10)).toEqual([{ carrierCode: '', deliveryIds: ['7'] }]);
    expect(sendBatches([], 10)).toEqual([]);
    expect(() => sendBatches([{ id: '7', carrierCode: null }], 0)).toThrow(/positive integer/);
  });
});

describe('sendJobOptions', () => {
  it('puts an emergency ahead of ordinary work (a lower BullMQ priority number is taken first)', () => {
    const urgent = sendJobOptions({ emergency: true }).priority;
    const ordinary = sendJobOptions({ emergency: false }).priority;
    expect(urgent).toBeGreaterThan(0); // 0 would mean "no priority" to BullMQ
    expect(urgent).toBeLessThan(ordinary);
  });
});
