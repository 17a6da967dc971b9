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
