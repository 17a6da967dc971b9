import { classifySmtpError, dispatchMessageId } from './email-dispatch.service';

describe('classifySmtpError', () => {
  it('fails the row on a permanent 5xx and retries 4xx or connection errors', () => {
    expect(classifySmtpError({ responseCode: 550, message: 'mailbox unavailable' }).kind).toBe('rejected');
    expect(classifySmtpError({ responseCode: 451, message: 'try later' }).kind).toBe('retry-later');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).kind).toBe('retry-later');
  });
});

describe('dispatchMessageId', () => {
  it('is the same for every attempt of a dispatch, and names the sender domain', () => {
    const id = dispatchMessageId('42', 'c0ffee00-0000-4000-8000-000000000001', 'Sở TTTT <loa@stttt.soctrang.gov.vn>');
    expect(id).toBe('<loa-c0ffee00-0000-4000-8000-000000000001-42@stttt.soctrang.gov.vn>');
    expect(dispatchMessageId('42', 'c0ffee00-0000-4000-8000-000000000001', 'Sở TTTT <loa@stttt.soctrang.gov.vn>')).toBe(
      id,
    );
    expect(dispatchMessageId('43', 'c1', 'no-address')).toBe('<loa-c1-43@loa.local>');
  });
});
