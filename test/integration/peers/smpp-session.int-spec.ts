import { AddressInfo } from 'net';
import { createServer, PDU } from 'smpp';
import { DeliveryReceipt, SmppBindError, SmppSession, SmppSubmitError } from '../../../libs/sms/src/smpp';
import { SmscSimulator, SmscSimulatorOptions, startSmscSimulator } from '../../../tools/peers/smsc-simulator';
import { waitUntil } from './wait-until';

const CREDENTIALS = { loa: 'secret' };
const VIETNAMESE_ALERT = 'Cảnh báo bão số 3: người dân vùng ven biển sơ tán ngay.';

function sessionFor(smsc: SmscSimulator, password = 'secret'): SmppSession {
  return new SmppSession({
    host: '127.0.0.1',
    port: smsc.port,
    systemId: 'loa',
    password,
    enquireLinkMs: 1_000,
    reconnectInitialMs: 50,
    reconnectMaxMs: 400,
    submitTimeoutMs: 5_000,
  });
}

async function expectSubmitError(promise: Promise<unknown>): Promise<SmppSubmitError> {
  const error: unknown = await promise.then(
    () => new Error('expected the submit to be rejected'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmppSubmitError);
  return error as SmppSubmitError;
}

describe('SmppSession against the local SMSC simulator', () => {
  let smsc: SmscSimulator;
  let session: SmppSession;
  const receipts: DeliveryReceipt[] = [];
  let throttleNextSubmit = false;
  const simulatorOptions: SmscSimulatorOptions = {
    credentials: CREDENTIALS,
    receiptDelayMs: 20,
    rejectDestinations: (destination) => destination.startsWith('8400'),
    throttle: () => {
      const throttled = throttleNextSubmit;
      throttleNextSubmit = false;
      return throttled;
    },
  };

  beforeAll(async () => {
    smsc = await startSmscSimulator(simulatorOptions);
    session = sessionFor(smsc);
    session.onReceipt((receipt) => {
      receipts.push(receipt);
    });
    await session.connect();
  });

  afterAll(async () => {
    await session?.close();
    await smsc?.close();
  });

  it('binds as transceiver with good credentials', () => {
    expect(session.isBound()).toBe(true);
    expect(smsc.sessionsCount()).toBe(1);
  });

  it('rejects connect() with ESME_RBINDFAIL for a wrong password', async () => {
    const intruder = sessionFor(smsc, 'wrong');
    try {
      const error: unknown = await intruder.connect().then(
        () => new Error('expected bind to fail'),
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(SmppBindError);
      expect(error).toMatchObject({ statusName: 'ESME_RBINDFAIL', commandStatus: 0x0d });
      expect((error as Error).message).toContain('ESME_RBINDFAIL');
      expect(intruder.isBound()).toBe(false);
    } finally {
      await intruder.close();
    }
    expect(smsc.sessionsCount()).toBe(1);
  });

  it('submits GSM text with data_coding 0 and an alphanumeric sender', async () => {
    const text = 'Flood warning @ river {zone 4} ~ 5€';
    const { messageId } = await session.submit({ destination: '+84901234567', sourceAddr: 'LOA', text });
    const submission = smsc.submissions.find((candidate) => candidate.messageId === messageId);
    expect(submission).toMatchObject({
      systemId: 'loa',
      sourceAddr: 'LOA',
      sourceAddrTon: 5,
      destination: '84901234567',
      text,
      dataCoding: 0,
      viaMessagePayload: false,
      registeredDelivery: 1,
    });
  });

  it('submits Vietnamese text as UCS-2 (data_coding 8)', async () => {
    const { messageId } = await session.submit({
      destination: '+84901234568',
      sourceAddr: 'LOA',
      text: VIETNAMESE_ALERT,
    });
    const submission = smsc.submissions.find((candidate) => candidate.messageId === messageId);
    expect(submission).toMatchObject({ text: VIETNAMESE_ALERT, dataCoding: 8, viaMessagePayload: false });
  });

  it("sends texts longer than one segment in message_payload when longMessageMode is 'payload'", async () => {
    const payloadSession = new SmppSession({
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'loa',
      password: 'secret',
      longMessageMode: 'payload',
    });
    try {
      await payloadSession.connect();
      const longVietnamese = `${VIETNAMESE_ALERT} `.repeat(6).trim();
      const longGsm = 'Evacuation route: take highway 1 north. '.repeat(6).trim();
      const first = await payloadSession.submit({
        destination: '+84901234569',
        sourceAddr: 'LOA',
        text: longVietnamese,
      });
      const second = await payloadSession.submit({ destination: '+84901234569', sourceAddr: 'LOA', text: longGsm });
      expect(first.messageIds).toEqual([first.messageId]);
      expect(smsc.submissions.find((s) => s.messageId === first.messageId)).toMatchObject({
        text: longVietnamese,
        dataCoding: 8,
        esmClass: 0,
        viaMessagePayload: true,
      });
      expect(smsc.submissions.find((s) => s.messageId === second.messageId)).toMatchObject({
        text: longGsm,
        dataCoding: 0,
        esmClass: 0,
        viaMessagePayload: true,
      });
    } finally {
      await payloadSession.close();
    }
  });

  it('sends texts longer than one segment as concatenated parts by default', async () => {
    const longVietnamese = `${VIETNAMESE_ALERT} `.repeat(6).trim();
    const { messageId, messageIds } = await session.submit({
      destination: '+84901234570',
      sourceAddr: 'LOA',
      text: longVietnamese,
    });
    const parts = messageIds.map((id) => smsc.submissions.find((s) => s.messageId === id));
    expect(messageIds[0]).toBe(messageId);
    expect(longVietnamese).toHaveLength(5 * 67); // exactly five full UCS-2 parts
    expect(parts.map((part) => part?.udh?.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(parts.map((part) => part?.text).join('')).toBe(longVietnamese);
    expect(parts.every((part) => part?.esmClass === 0x40 && part.dataCoding === 8 && !part.viaMessagePayload)).toBe(
      true,
    );
  });

  it('receives and parses the delivery receipt of a submitted message', async () => {
    const { messageId } = await session.submit({
      destination: '+84901230000',
      sourceAddr: 'LOA',
      text: 'Receipt please',
    });
    await waitUntil(() => receipts.some((receipt) => receipt.messageId === messageId), 'the receipt arrives');
    const receipt = receipts.find((candidate) => candidate.messageId === messageId);
    expect(receipt).toMatchObject({ messageId, stat: 'DELIVRD', err: '000' });
    expect(receipt?.submitDate).toMatch(/^\d{10}$/);
    expect(receipt?.raw).toContain(`id:${messageId}`);
    expect(receipt?.raw).toContain('text:Receipt please');
  });

  it('does not request a receipt when registeredDelivery is false', async () => {
    const { messageId } = await session.submit({
      destination: '+84901230001',
      sourceAddr: 'LOA',
      text: 'No receipt',
      registeredDelivery: false,
    });
    expect(smsc.submissions.find((s) => s.messageId === messageId)?.registeredDelivery).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smsc.receipts.some((receipt) => receipt.messageId === messageId)).toBe(false);
  });

  it('asks the SMSC with query_sm where a message stands when its receipt is lost', async () => {
    simulatorOptions.receiptDelayMs = 300;
    simulatorOptions.loseReceipts = (submission) => submission.destination === '84901230002';
    try {
      const { messageId } = await session.submit({ destination: '+84901230002', sourceAddr: 'LOA', text: 'Lost' });
      // Before the SMSC has delivered it: still on its way, no final date.
      expect(await session.query(messageId, 'LOA')).toEqual({
        messageId,
        stat: 'ENROUTE',
        errorCode: null,
        finalDate: null,
      });
      let answer = await session.query(messageId, 'LOA');
      for (const deadline = Date.now() + 5_000; answer.stat === 'ENROUTE' && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        answer = await session.query(messageId, 'LOA');
      }
      expect(answer).toMatchObject({ messageId, stat: 'DELIVRD', errorCode: null });
      expect(answer.finalDate).toBeInstanceOf(Date);
      expect(smsc.receipts.some((receipt) => receipt.messageId === messageId)).toBe(false); // never sent
      expect(receipts.some((receipt) => receipt.messageId === messageId)).toBe(false);

      // A message the SMSC does not know, or asked for with another sender: ESME_RQUERYFAIL.
      for (const [id, source] of [
        ['ffffffff', 'LOA'],
        [messageId, 'OTHER'],
      ]) {
        const error = await expectSubmitError(session.query(id, source));
        expect(error).toMatchObject({ commandStatus: 0x67, statusName: 'ESME_RQUERYFAIL' });
      }
      const states = smsc.queries.filter((q) => q.messageId === messageId || q.messageId === 'ffffffff');
      expect(states[0].messageState).toBe(1);
      expect(states.slice(-3).map((q) => q.messageState)).toEqual([2, null, null]);
    } finally {
      simulatorOptions.receiptDelayMs = 20;
      simulatorOptions.loseReceipts = undefined;
    }
  });

  it('reports an undeliverable message through query_sm with its error code', async () => {
    simulatorOptions.failureRate = 1;
    simulatorOptions.loseReceipts = () => true;
    try {
      const { messageId } = await session.submit({ destination: '+84901230003', sourceAddr: 'LOA', text: 'Fails' });
      let answer = await session.query(messageId, 'LOA');
      for (const deadline = Date.now() + 5_000; answer.stat === 'ENROUTE' && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        answer = await session.query(messageId, 'LOA');
      }
      expect(answer).toMatchObject({ stat: 'UNDELIV', errorCode: '1' });
      expect(smsc.receipts.some((receipt) => receipt.messageId === messageId)).toBe(false);
    } finally {
      simulatorOptions.failureRate = 0;
      simulatorOptions.loseReceipts = undefined;
    }
  });

  it('maps a rejected destination to a permanent SmppSubmitError', async () => {
    const before = smsc.submissions.length;
    const error = await expectSubmitError(session.submit({ destination: '+8400111', sourceAddr: 'LOA', text: 'x' }));
    expect(error).toMatchObject({ kind: 'permanent', statusName: 'ESME_RINVDSTADR', commandStatus: 0x0b });
    expect(smsc.submissions.length).toBe(before);
  });

  it('maps ESME_RTHROTTLED to a throttled SmppSubmitError', async () => {
    throttleNextSubmit = true;
    const error = await expectSubmitError(
      session.submit({ destination: '+84901234567', sourceAddr: 'LOA', text: 'x' }),
    );
    expect(error).toMatchObject({ kind: 'throttled', statusName: 'ESME_RTHROTTLED', commandStatus: 0x58 });
  });

  it('re-binds after the SMSC restarts on the same port and submits again', async () => {
    const port = smsc.port;
    await smsc.close();
    await waitUntil(() => !session.isBound(), 'the session notices the connection loss');

    const whileDown = await expectSubmitError(
      session.submit({ destination: '+84901234567', sourceAddr: 'LOA', text: 'x' }),
    );
    expect(whileDown).toMatchObject({ kind: 'transient', commandStatus: null, statusName: 'NOT_BOUND' });

    smsc = await startSmscSimulator({ ...simulatorOptions, port });
    await waitUntil(() => session.isBound(), 'the session re-binds', 10_000);
    expect(smsc.sessionsCount()).toBe(1);

    const { messageId } = await session.submit({
      destination: '+84901234567',
      sourceAddr: 'LOA',
      text: 'After restart',
    });
    await smsc.waitForSubmissions(1, 2_000);
    expect(smsc.submissions[0]).toMatchObject({ messageId, text: 'After restart' });
    await waitUntil(() => receipts.some((receipt) => receipt.messageId === messageId), 'the receipt after restart');
  });

  it('stops re-connecting after close()', async () => {
    const other = sessionFor(smsc);
    await other.connect();
    expect(smsc.sessionsCount()).toBe(2);
    await other.close();
    await waitUntil(() => smsc.sessionsCount() === 1, 'the SMSC sees the unbind');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.isBound()).toBe(false);
    expect(smsc.sessionsCount()).toBe(1);
  });
});

describe('SmppSession failure detection', () => {
  it('rejects connect() when nothing listens on the port', async () => {
    const probe = await startSmscSimulator();
    const port = probe.port;
    await probe.close();
    const orphan = new SmppSession({ host: '127.0.0.1', port, systemId: 'loa', password: 'x' });
    await expect(orphan.connect()).rejects.toMatchObject({ name: 'SmppBindError', statusName: 'CONNECTION_FAILED' });
    await orphan.close();
  });

  it('fails a submit as transient SUBMIT_TIMEOUT when the SMSC answers too late', async () => {
    const slow = await startSmscSimulator({ latencyMs: 300 });
    const client = new SmppSession({
      host: '127.0.0.1',
      port: slow.port,
      systemId: 'loa',
      password: 'x',
      submitTimeoutMs: 50,
    });
    try {
      await client.connect();
      const error = await expectSubmitError(
        client.submit({ destination: '+84901234567', sourceAddr: 'LOA', text: 'x' }),
      );
      expect(error).toMatchObject({ kind: 'transient', statusName: 'SUBMIT_TIMEOUT', commandStatus: null });
    } finally {
      await client.close();
      await slow.close();
    }
  });

  it('drops and re-binds a link whose enquire_link goes unanswered', async () => {
    let binds = 0;
    // A broken SMSC: accepts binds, never answers enquire_link.
    const mute = createServer((link) => {
      link.on('error', () => undefined);
      link.on('bind_transceiver', (pdu: PDU) => {
        binds += 1;
        link.send(pdu.response({ system_id: 'MUTE' }));
      });
    });
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const port = (mute.address() as AddressInfo).port;
    const client = new SmppSession({
      host: '127.0.0.1',
      port,
      systemId: 'loa',
      password: 'x',
      enquireLinkMs: 50,
      reconnectInitialMs: 20,
    });
    try {
      await client.connect();
      await waitUntil(() => binds >= 2, 'a second bind after the dead link is detected');
    } finally {
      await client.close();
      for (const link of [...mute.sessions]) link.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });
});
