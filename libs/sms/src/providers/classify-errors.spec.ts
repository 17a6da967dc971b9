import { SmppSubmitError } from '../smpp';
import { classifySmppError } from './smpp-provider';
import { classifyTwilioError, twilioFinalOutcome } from './twilio-provider';

describe('provider error classification (never send twice, never drop silently)', () => {
  it('SMPP: an SMSC answer is never ambiguous', () => {
    expect(classifySmppError(SmppSubmitError.fromCommandStatus(0x58)).kind).toBe('retry-later'); // ESME_RTHROTTLED
    expect(classifySmppError(SmppSubmitError.fromCommandStatus(0x0b)).kind).toBe('rejected'); // ESME_RINVDSTADR
  });

  it('SMPP: a long message refused after some parts went out is ambiguous, never retried', () => {
    const partial = SmppSubmitError.inConcatenated(SmppSubmitError.fromCommandStatus(0x58), {
      acceptedMessageIds: ['a1'],
      failedPart: 2,
      totalParts: 3,
    });
    expect(classifySmppError(partial).kind).toBe('ambiguous');
  });

  it('SMPP: not bound is safe to retry; a lost connection after sending is ambiguous', () => {
    expect(classifySmppError(SmppSubmitError.transport('NOT_BOUND', 'x')).kind).toBe('retry-later');
    expect(classifySmppError(SmppSubmitError.transport('CONNECTION_LOST', 'x')).kind).toBe('ambiguous');
    expect(classifySmppError(SmppSubmitError.transport('SUBMIT_TIMEOUT', 'x')).kind).toBe('ambiguous');
    expect(classifySmppError(new Error('boom')).kind).toBe('ambiguous');
  });

  it('Twilio: HTTP answers are definite, network failures ambiguous', () => {
    expect(classifyTwilioError({ status: 400, code: 21211, message: 'bad To' }).kind).toBe('rejected');
    expect(classifyTwilioError({ status: 429, message: 'slow down' }).kind).toBe('retry-later');
    expect(classifyTwilioError({ status: 503, message: 'down' }).kind).toBe('retry-later');
    expect(classifyTwilioError(new Error('ECONNRESET')).kind).toBe('ambiguous');
  });

  it('Twilio: only delivered/undelivered/failed end a message', () => {
    expect(twilioFinalOutcome('delivered')).toBe('delivered');
    expect(twilioFinalOutcome('undelivered')).toBe('failed');
    expect(twilioFinalOutcome('sent')).toBeNull();
  });
});
