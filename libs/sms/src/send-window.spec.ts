import { sendWindow } from './sms-dispatch.service';

describe('sendWindow', () => {
  it.each([
    [undefined, 2, 5],
    [10, 2, 5],
    [100, 2, 50],
    [1, 1, 1],
    [7, 2, 4],
    [5000, 2, 500],
    ['x', 2, 5],
    [0, 2, 5],
  ])('window %p: %d lanes of %d', (configured, concurrency, chunk) => {
    expect(sendWindow(configured)).toEqual({ concurrency, chunk });
  });
});
