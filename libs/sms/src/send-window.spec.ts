import { DEFAULT_SEND_WINDOW, dailyQuota, sendWindow } from './sms-dispatch.service';

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

describe('dailyQuota', () => {
  it.each([
    [undefined, null],
    [null, null],
    [0, null],
    [-5, null],
    [2.5, null],
    ['x', null],
    [5000, 5000],
    ['200000', 200000],
  ])('connection.dailyQuota %p: %p', (configured, quota) => {
    expect(dailyQuota(configured)).toBe(quota);
  });
});
