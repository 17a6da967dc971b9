import { processorProblems } from './processor-coverage';

describe('processorProblems', () => {
  const queues = ['fanout', 'email-send', 'receipts'];

  it('is empty when every queue has exactly one processor', () => {
    expect(
      processorProblems(queues, [
        { queue: 'fanout', provider: 'FanoutProcessor' },
        { queue: 'email-send', provider: 'EmailProcessor' },
        { queue: 'receipts', provider: 'ReceiptsProcessor' },
      ]),
    ).toEqual([]);
  });

  it('names a queue without processor, one with two, and a processor of no queue', () => {
    expect(
      processorProblems(queues, [
        { queue: 'fanout', provider: 'FanoutProcessor' },
        { queue: 'fanout', provider: 'OtherFanout' },
        { queue: 'receipt', provider: 'ReceiptsProcessor' },
      ]),
    ).toEqual([
      'queue "fanout" has 2 processors: FanoutProcessor, OtherFanout',
      'queue "email-send" has no processor',
      'queue "receipts" has no processor',
      'ReceiptsProcessor processes "receipt", which is no queue',
    ]);
  });
});
