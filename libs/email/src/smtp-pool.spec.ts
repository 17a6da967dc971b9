import type { SmtpConfig } from '@loa/config';
import { emailStoreGrouping, emailWindow, smtpPoolOptions } from './smtp-pool';

const smtp = (over: Partial<SmtpConfig>): SmtpConfig => ({
  host: '127.0.0.1',
  port: 2525,
  secure: false,
  user: null,
  password: null,
  from: 'loa@localhost',
  maxConnections: 5,
  maxMessagesPerConnection: 100,
  ratePerSecond: 0,
  ...over,
});

describe('smtpPoolOptions', () => {
  it('keeps the configured connections and messages per connection, with no rate by default', () => {
    expect(smtpPoolOptions(smtp({ maxConnections: 8, maxMessagesPerConnection: 50 }))).toEqual({
      pool: true,
      maxConnections: 8,
      maxMessages: 50,
    });
  });

  it('spreads a rate of 10/s and more over tenths of a second', () => {
    expect(smtpPoolOptions(smtp({ ratePerSecond: 50 }))).toMatchObject({ rateDelta: 100, rateLimit: 5 });
  });

  it('counts a rate that does not divide into tenths per second', () => {
    expect(smtpPoolOptions(smtp({ ratePerSecond: 7 }))).toMatchObject({ rateDelta: 1000, rateLimit: 7 });
    expect(smtpPoolOptions(smtp({ ratePerSecond: 15 }))).toMatchObject({ rateDelta: 1000, rateLimit: 15 });
  });
});

describe('emailWindow', () => {
  it('keeps four rows per pooled connection claimed and not yet recorded, for the whole process', () => {
    expect(emailWindow(smtp({ maxConnections: 1 }))).toBe(4);
    expect(emailWindow(smtp({ maxConnections: 5 }))).toBe(20);
  });
});

describe('emailStoreGrouping', () => {
  it('stores outcomes a quarter window at a time, at most 4 ms after the first, two stores at once', () => {
    expect(emailStoreGrouping(smtp({ maxConnections: 5 }))).toEqual({ concurrent: 2, gather: { items: 5, ms: 4 } });
    expect(emailStoreGrouping(smtp({ maxConnections: 1 }))).toEqual({ concurrent: 2, gather: { items: 1, ms: 4 } });
  });
});
