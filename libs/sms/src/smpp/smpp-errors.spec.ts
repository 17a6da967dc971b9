import { describeCommandStatus, SmppSubmitError } from './smpp-errors';

describe('describeCommandStatus', () => {
  it.each([
    [0x58, 'ESME_RTHROTTLED', 'throttled'],
    [0x14, 'ESME_RMSGQFUL', 'throttled'],
    [0x08, 'ESME_RSYSERR', 'transient'],
    [0x45, 'ESME_RSUBMITFAIL', 'transient'],
    [0x0b, 'ESME_RINVDSTADR', 'permanent'],
    [0x0a, 'ESME_RINVSRCADR', 'permanent'],
    [0x01, 'ESME_RINVMSGLEN', 'permanent'],
    [0x104, 'ESME_RINVDCS', 'permanent'],
  ])('0x%s is %s (%s)', (status, name, kind) => {
    expect(describeCommandStatus(status)).toEqual({ name, kind });
  });

  it('treats unknown / vendor statuses as transient', () => {
    expect(describeCommandStatus(0x400)).toEqual({ name: 'ESME_UNKNOWN_0x00000400', kind: 'transient' });
  });
});

describe('SmppSubmitError', () => {
  it('carries the command status, its name and kind', () => {
    const error = SmppSubmitError.fromCommandStatus(0x0b);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ commandStatus: 0x0b, statusName: 'ESME_RINVDSTADR', kind: 'permanent' });
    expect(error.message).toContain('ESME_RINVDSTADR');
  });

  it('reports transport failures as transient without a command status', () => {
    expect(SmppSubmitError.transport('CONNECTION_LOST', 'x')).toMatchObject({
      commandStatus: null,
      statusName: 'CONNECTION_LOST',
      kind: 'transient',
    });
  });
});

describe('SmppSubmitError for a concatenated message', () => {
  it('has no part information for a single-part failure', () => {
    expect(SmppSubmitError.fromCommandStatus(0x58)).toMatchObject({
      acceptedMessageIds: [],
      failedPart: null,
      totalParts: null,
    });
  });

  it('keeps the cause status and kind and names the accepted parts', () => {
    const cause = SmppSubmitError.fromCommandStatus(0x58);
    const error = SmppSubmitError.inConcatenated(cause, {
      failedPart: 3,
      totalParts: 4,
      acceptedMessageIds: ['m1', 'm2'],
    });
    expect(error).toBeInstanceOf(SmppSubmitError);
    expect(error).toMatchObject({
      commandStatus: 0x58,
      statusName: 'ESME_RTHROTTLED',
      kind: 'throttled',
      failedPart: 3,
      totalParts: 4,
      acceptedMessageIds: ['m1', 'm2'],
    });
    expect(error.message).toBe(`${cause.message} (part 3 of 4; parts 1-2 accepted as m1, m2)`);
  });

  it('says so when the first part already failed', () => {
    const cause = SmppSubmitError.transport('NOT_BOUND', 'down');
    const error = SmppSubmitError.inConcatenated(cause, { failedPart: 1, totalParts: 2, acceptedMessageIds: [] });
    expect(error).toMatchObject({ commandStatus: null, kind: 'transient', acceptedMessageIds: [] });
    expect(error.message).toContain('(part 1 of 2; no part accepted)');
    const second = SmppSubmitError.inConcatenated(cause, { failedPart: 2, totalParts: 2, acceptedMessageIds: ['x'] });
    expect(second.message).toContain('(part 2 of 2; part 1 accepted as x)');
  });
});
