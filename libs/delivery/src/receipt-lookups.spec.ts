import { PendingReceiptLookups } from './receipt-lookups';

describe('PendingReceiptLookups', () => {
  it('hands out one carrier’s ids at a time, each id once', () => {
    const pending = new PendingReceiptLookups();
    pending.add([{ carrierCode: 'viettel', providerMessageIds: ['a', 'b'] }]);
    pending.add([
      { carrierCode: 'vinaphone', providerMessageIds: ['x'] },
      { carrierCode: 'viettel', providerMessageIds: ['c'] },
    ]);
    expect(pending.take()).toEqual({ carrierCode: 'viettel', providerMessageIds: ['a', 'b', 'c'] });
    expect(pending.take()).toEqual({ carrierCode: 'vinaphone', providerMessageIds: ['x'] });
    expect(pending.take()).toBeNull();
  });

  it('keeps ids added after a take for the next one, and gives everything left when drained', () => {
    const pending = new PendingReceiptLookups();
    pending.add([{ carrierCode: 'viettel', providerMessageIds: ['a'] }]);
    const taken = pending.take();
    pending.add([{ carrierCode: 'viettel', providerMessageIds: ['b'] }]);
    // A look-up that could not be made goes back.
    pending.add([taken!]);
    pending.add([{ carrierCode: 'mobifone', providerMessageIds: [] }]);
    expect(pending.drain()).toEqual([{ carrierCode: 'viettel', providerMessageIds: ['b', 'a'] }]);
    expect(pending.drain()).toEqual([]);
    expect(pending.take()).toBeNull();
  });
});
