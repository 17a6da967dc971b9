import { DEFAULT_SEND_WINDOW, sendWindow } from './sms-dispatch.service';

describe('sendWindow', () => {
  it.each([
    [undefined, DEFAULT_SEND_WINDOW],
    [10, 10],
    [100, 100],
    [1, 1],
    [7, 7],
    [5000, 1000],
    ['x', DEFAULT_SEND_WINDOW],
    [0, DEFAULT_SEND_WINDOW],
    [2.5, DEFAULT_SEND_WINDOW],
  ])('window %p: %d in flight', (configured, window) => {
    expect(sendWindow(configured)).toBe(window);
  });
});
