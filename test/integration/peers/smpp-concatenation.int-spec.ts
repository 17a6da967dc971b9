/**
 * Long messages over SMPP, asserted on the PDUs the SMSC simulator received: data_coding, esm_class, the UDH
 * octets, TON/NPI, the number and order of parts and each part's decoded text.
 */
import { analyzeText } from '../../../libs/sms/src/text';
import { SmppSession, SmppSessionOptions, SmppSubmitError } from '../../../libs/sms/src/smpp';
import { reassemble, SmscSimulator, SmscSubmission, startSmscSimulator } from '../../../tools/peers/smsc-simulator';
import { waitUntil } from './wait-until';

const ESM_CLASS_UDHI = 0x40;
const VIETNAMESE_ALERT = 'Cảnh báo bão số 3: người dân vùng ven biển sơ tán ngay, không ra khơi.';

function hex(octet: number): string {
  return octet.toString(16).padStart(2, '0');
}

function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

describe('SmppSession long messages against the SMSC simulator', () => {
  let smsc: SmscSimulator;
  let session: SmppSession;
  let payloadSession: SmppSession;
  let nextDestination = 84_912_000_000;
  /** Decides, per submit_sm received (1-based over the simulator's life), whether to answer ESME_RTHROTTLED. */
  let throttle: (n: number) => boolean = () => false;

  function open(options: Partial<SmppSessionOptions> = {}): SmppSession {
    return new SmppSession({
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'loa',
      password: 'secret',
      submitTimeoutMs: 5_000,
      ...options,
    });
  }

  /** A fresh destination per message, so a test sees only its own PDUs. */
  function destination(): string {
    nextDestination += 1;
    return `+${nextDestination}`;
  }

  function received(to: string): SmscSubmission[] {
    return smsc.submissions.filter((submission) => submission.destination === to.slice(1));
  }

  async function send(text: string, target = session) {
    const to = destination();
    const result = await target.submit({ destination: to, sourceAddr: 'SoTTTT-ST', text });
    return { to, result, pdus: received(to) };
  }

  beforeAll(async () => {
    smsc = await startSmscSimulator({
      credentials: { loa: 'secret' },
      receiptDelayMs: 10,
      throttle: (n) => throttle(n),
    });
    session = open();
    payloadSession = open({ longMessageMode: 'payload' });
    await session.connect();
    await payloadSession.connect();
  });

  afterAll(async () => {
    await session?.close();
    await payloadSession?.close();
    await smsc?.close();
  });

  afterEach(() => {
    throttle = () => false;
  });

  it('sends 160 GSM-7 characters as one plain submit_sm', async () => {
    const text = 'A'.repeat(159) + '.';
    const { result, pdus } = await send(text);
    expect(pdus).toHaveLength(1);
    expect(pdus[0]).toMatchObject({
      text,
      dataCoding: 0,
      esmClass: 0,
      udh: null,
      udhBytes: null,
      viaMessagePayload: false,
      registeredDelivery: 1,
      sourceAddr: 'SoTTTT-ST',
      sourceAddrTon: 5,
      sourceAddrNpi: 0,
      destAddrTon: 1,
      destAddrNpi: 1,
    });
    expect(result).toEqual({ messageId: pdus[0].messageId, messageIds: [pdus[0].messageId] });
  });

  it('sends 161 GSM-7 characters as two parts of 153 + 8 with the 8-bit concatenation UDH', async () => {
    const text = 'B'.repeat(160) + '!';
    const { to, result, pdus } = await send(text);
    expect(pdus).toHaveLength(2);
    const reference = pdus[0].udh?.reference ?? -1;
    expect(pdus.map((pdu) => pdu.udhBytes?.toString('hex'))).toEqual([
      `050003${hex(reference)}0201`,
      `050003${hex(reference)}0202`,
    ]);
    expect(pdus.map((pdu) => pdu.udh)).toEqual([
      { referenceBits: 8, reference, total: 2, sequence: 1 },
      { referenceBits: 8, reference, total: 2, sequence: 2 },
    ]);
    expect(pdus.map((pdu) => pdu.text)).toEqual(['B'.repeat(153), 'B'.repeat(7) + '!']);
    for (const pdu of pdus) {
      expect(pdu).toMatchObject({
        dataCoding: 0,
        esmClass: ESM_CLASS_UDHI,
        viaMessagePayload: false,
        registeredDelivery: 1,
        sourceAddrTon: 5,
        sourceAddrNpi: 0,
        destination: to.slice(1),
        destAddrTon: 1,
        destAddrNpi: 1,
      });
    }
    // The result lists the parts in order, and the SMSC received them in that order.
    expect(result.messageIds).toEqual(pdus.map((pdu) => pdu.messageId));
    expect(result.messageId).toBe(pdus[0].messageId);
  });

  it('keeps 70 UCS-2 units in one submit_sm and cuts 71 into 67 + 4', async () => {
    const seventy = 'ệ'.repeat(70);
    const single = await send(seventy);
    expect(single.pdus).toHaveLength(1);
    expect(single.pdus[0]).toMatchObject({ text: seventy, dataCoding: 8, esmClass: 0, udh: null });

    const seventyOne = 'Đ' + 'ệ'.repeat(70);
    const long = await send(seventyOne);
    expect(long.pdus).toHaveLength(2);
    expect(long.pdus.map((pdu) => pdu.text)).toEqual(['Đ' + 'ệ'.repeat(66), 'ệ'.repeat(4)]);
    expect(long.pdus.map((pdu) => [pdu.dataCoding, pdu.esmClass, pdu.udh?.sequence, pdu.udh?.total])).toEqual([
      [8, ESM_CLASS_UDHI, 1, 2],
      [8, ESM_CLASS_UDHI, 2, 2],
    ]);
    expect(long.result.messageIds).toEqual(long.pdus.map((pdu) => pdu.messageId));
  });

  it('counts extension characters as two septets and never separates one from its escape', async () => {
    const eighty = '€'.repeat(80); // exactly 160 septets
    expect((await send(eighty)).pdus).toHaveLength(1);

    // 2 + 80 + 10 + 70 = 162 septets; the first part stops at 152 because a 31st trailing € would need 153–154.
    const text = 'aa' + '€'.repeat(40) + '[QC]{}' + '€'.repeat(35);
    const { pdus } = await send(text);
    expect(pdus.map((pdu) => pdu.text)).toEqual(['aa' + '€'.repeat(40) + '[QC]{}' + '€'.repeat(30), '€'.repeat(5)]);
    expect(pdus.every((pdu) => pdu.dataCoding === 0 && pdu.esmClass === ESM_CLASS_UDHI)).toBe(true);
  });

  it('never splits an emoji surrogate pair between UCS-2 parts', async () => {
    const text = 'Lũ 🌊 ' + '😀'.repeat(40);
    const { pdus } = await send(text);
    expect(pdus).toHaveLength(analyzeText(text).segments);
    expect(pdus.length).toBe(2);
    expect(pdus.some((pdu) => hasLoneSurrogate(pdu.text))).toBe(false);
    // 6 units of text + 30 emoji = 66; a 31st emoji would need units 67 and 68.
    expect(pdus.map((pdu) => pdu.text.length)).toEqual([66, 20]);
    expect(pdus.map((pdu) => pdu.text).join('')).toBe(text);
  });

  it('sends a long Vietnamese text (given decomposed) as NFC UCS-2 parts that reassemble to the text', async () => {
    const text = `${VIETNAMESE_ALERT} `.repeat(4).trim();
    const { result, pdus } = await send(text.normalize('NFD'));
    const segments = analyzeText(text).segments;
    expect(segments).toBe(5);
    expect(pdus).toHaveLength(segments);
    expect(pdus.map((pdu) => pdu.udh?.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(pdus.map((pdu) => pdu.udh?.reference)).size).toBe(1);
    expect(pdus.every((pdu) => pdu.dataCoding === 8 && pdu.udh?.total === 5)).toBe(true);
    const [message] = reassemble(pdus);
    expect(message).toMatchObject({ complete: true, text });
    expect(result.messageIds).toHaveLength(5);
  });

  it('gives consecutive long messages to one handset different references', async () => {
    const to = destination();
    for (let i = 0; i < 3; i++) await session.submit({ destination: to, sourceAddr: 'LOA', text: `${i} `.repeat(90) });
    const pdus = received(to);
    expect(pdus).toHaveLength(6);
    expect(new Set(pdus.map((pdu) => pdu.udh?.reference)).size).toBe(3);
    expect(reassemble(pdus).map((message) => [message.complete, message.text])).toEqual(
      [0, 1, 2].map((i) => [true, `${i} `.repeat(90)]),
    );
  });

  it('asks for a receipt on every part and gets one per part', async () => {
    const { result, pdus } = await send('Receipt per part. '.repeat(12));
    expect(pdus.length).toBe(2);
    expect(pdus.every((pdu) => pdu.registeredDelivery === 1)).toBe(true);
    await waitUntil(
      () => result.messageIds.every((id) => smsc.receipts.some((receipt) => receipt.messageId === id)),
      'a receipt for each part',
    );
  });

  it('stops at a refused part and reports the parts already accepted', async () => {
    let seen = 0;
    throttle = () => ++seen === 2;
    const to = destination();
    const error: unknown = await session
      .submit({ destination: to, sourceAddr: 'LOA', text: 'x'.repeat(153 * 2 + 1) })
      .then(
        () => new Error('expected the second part to be refused'),
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(SmppSubmitError);
    const pdus = received(to);
    expect(pdus).toHaveLength(1); // the third part was never sent
    expect(error).toMatchObject({
      kind: 'throttled',
      statusName: 'ESME_RTHROTTLED',
      commandStatus: 0x58,
      failedPart: 2,
      totalParts: 3,
      acceptedMessageIds: [pdus[0].messageId],
    });
    expect(seen).toBe(2);
  });

  it('reports a refused first part with no accepted part', async () => {
    throttle = () => true;
    const error: unknown = await session
      .submit({ destination: destination(), sourceAddr: 'LOA', text: 'y'.repeat(200) })
      .then(
        () => new Error('expected a refusal'),
        (reason: unknown) => reason,
      );
    expect(error).toMatchObject({ name: 'SmppSubmitError', failedPart: 1, totalParts: 2, acceptedMessageIds: [] });
  });

  it("in 'payload' mode sends a long text as one submit_sm with message_payload", async () => {
    const text = `${VIETNAMESE_ALERT} `.repeat(3).trim();
    const { result, pdus } = await send(text, payloadSession);
    expect(pdus).toHaveLength(1);
    expect(pdus[0]).toMatchObject({ text, dataCoding: 8, esmClass: 0, udh: null, viaMessagePayload: true });
    expect(result.messageIds).toEqual([result.messageId]);

    const short = await send('Ngắn gọn', payloadSession);
    expect(short.pdus[0]).toMatchObject({ text: 'Ngắn gọn', viaMessagePayload: false, dataCoding: 8 });
  });

  it('refuses a text longer than 255 parts without sending anything', async () => {
    const to = destination();
    await expect(
      session.submit({ destination: to, sourceAddr: 'LOA', text: 'z'.repeat(153 * 255 + 1) }),
    ).rejects.toMatchObject({ name: 'SmppSubmitError', statusName: 'INVALID_MESSAGE', kind: 'permanent' });
    expect(received(to)).toHaveLength(0);
  });
});
