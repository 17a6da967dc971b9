import { classifySmtpError } from './email-dispatch.service';

describe('classifySmtpError', () => {
  it('fails the row on a permanent 5xx and retries 4xx or connection errors', () => {
    expect(classifySmtpError({ responseCode: 550, message: 'mailbox unavailable' }).kind).toBe('rejected');
    expect(classifySmtpError({ responseCode: 451, message: 'try later' }).kind).toBe('retry-later');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).kind).toBe('retry-later');
  });
});
