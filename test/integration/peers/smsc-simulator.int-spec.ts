import { connect, PDU, Session } from 'smpp';
import { DeliveryReceipt, InboundSms, SmppSession } from '../../../libs/sms/src/smpp';
import { reassemble, SmscSimulator, startSmscSimulator } from '../../../tools/peers/smsc-simulator';
import { waitUntil } from './wait-until';

/** A raw node-smpp ESME, to exercise transmitter/receiver binds the Loa client does not use. */
async function rawBind(smsc: SmscSimulator, command: 'bind_transmitter' | 'bind_receiver', systemId: string) {
  const link: Session = connect({ host: '127.0.0.1', port: smsc.port });
  link.on('error', () => undefined);
  const deliverSms: PDU[] = [];
  link.on('deliver_sm', (pdu: PDU) => {
    deliverSms.push(pdu);
    link.send(pdu.response());
  });
  await new Promise<void>((resolve, reject) => {
    link.on('connect', () =>
      link.send(new PDU(command, { system_id: systemId, password: 'any' }), (response) =>
        response.command_status === 0 ? resolve() : reject(new Error(`bind failed ${response.command_status}`)),
      ),
    );
  });
  const submit = (fields: Record<string, unknown>): Promise<PDU> =>
    new Promise((resolve) => link.send(new PDU('submit_sm', fields), resolve));
  const close = (): Promise<void> => new Promise((resolve) => link.destroy(() => resolve()));
  return { link, deliverSms, submit, close };
}

function session(smsc: SmscSimulator, systemId: string): SmppSession {
  return new SmppSession({ host: '127.0.0.1', port: smsc.port, systemId, password: 'any', reconnectInitialMs: 50 });
}

describe('SMSC simulator', () => {
  const randomValues = [0.1, 0.9];
  let smsc: SmscSimulator;
  const toClose: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    smsc = await startSmscSimulator({
      receiptDelayMs: 10,
      latencyMs: 30,
      failureRate: 0.5,
      random: () => randomValues.shift() ?? 0.99,
    });
  });

  afterAll(async () => {
    for (const close of toClose) await close();
    await smsc?.close();
  });

  it('applies latency, failureRate (deterministic random) and UNDELIV receipts', async () => {
    const client = session(smsc, 'rates');
    toClose.push(() => client.close());
    const receipts: DeliveryReceipt[] = [];
    client.onReceipt((receipt) => {
      receipts.push(receipt);
    });
    await client.connect();

    const startedAt = Date.now();
    const failed = await client.submit({ destination: '+84900000001', sourceAddr: 'LOA', text: 'one' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(25);
    const delivered = await client.submit({ destination: '+84900000002', sourceAddr: 'LOA', text: 'two' });

    await waitUntil(() => receipts.length === 2, 'two receipts');
    expect(receipts.find((r) => r.messageId === failed.messageId)?.stat).toBe('UNDELIV');
    expect(receipts.find((r) => r.messageId === delivered.messageId)?.stat).toBe('DELIVRD');
    expect(
      smsc.receipts
        .filter((r) => r.systemId === 'rates')
        .map((r) => r.stat)
        .sort(),
    ).toEqual(['DELIVRD', 'UNDELIV']);
  });

  it('routes receipts of a transmitter to the receiver bound with the same system_id', async () => {
    const transmitter = await rawBind(smsc, 'bind_transmitter', 'split');
    const receiver = await rawBind(smsc, 'bind_receiver', 'split');
    toClose.push(transmitter.close, receiver.close);

    const response = await transmitter.submit({
      source_addr_ton: 5,
      source_addr: 'LOA',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '84900000003',
      registered_delivery: 1,
      data_coding: 0,
      short_message: 'split bind',
    });
    expect(response.command_status).toBe(0);
    await waitUntil(() => receiver.deliverSms.length === 1, 'the receipt reaches the receiver');
    const receipt = receiver.deliverSms[0];
    expect(receipt.esm_class).toBe(0x04);
    expect(receipt.receipted_message_id).toBe(response.message_id);
    expect(receipt.source_addr).toBe('84900000003');
    expect(receipt.destination_addr).toBe('LOA');
    expect(transmitter.deliverSms).toHaveLength(0);
  });

  it('refuses submit_sm on a receiver bind with ESME_RINVBNDSTS', async () => {
    const receiver = await rawBind(smsc, 'bind_receiver', 'rx-only');
    toClose.push(receiver.close);
    const response = await receiver.submit({ destination_addr: '84900000004', short_message: 'x' });
    expect(response.command_status).toBe(0x04);
  });

  it('keeps receipts until a receiver binds with the same system_id', async () => {
    const transmitter = await rawBind(smsc, 'bind_transmitter', 'late');
    toClose.push(transmitter.close);
    const response = await transmitter.submit({
      destination_addr: '84900000005',
      registered_delivery: 1,
      short_message: 'x',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(smsc.receipts.some((r) => r.messageId === response.message_id)).toBe(false);

    const receiver = await rawBind(smsc, 'bind_receiver', 'late');
    toClose.push(receiver.close);
    await waitUntil(() => receiver.deliverSms.length === 1, 'the stored receipt is delivered');
    expect(receiver.deliverSms[0].receipted_message_id).toBe(response.message_id);
  });

  it('sends mobile-originated messages to onInbound, GSM and UCS-2', async () => {
    const client = session(smsc, 'inbound');
    toClose.push(() => client.close());
    const inbound: InboundSms[] = [];
    client.onInbound((message) => {
      inbound.push(message);
    });
    await client.connect();

    await smsc.sendInbound({ from: '+84901112233', to: '8088', text: 'STOP', systemId: 'inbound' });
    await smsc.sendInbound({ from: '+84901112233', to: '8088', text: 'Hủy đăng ký', systemId: 'inbound' });
    expect(inbound).toEqual([
      { from: '+84901112233', to: '8088', text: 'STOP' },
      { from: '+84901112233', to: '8088', text: 'Hủy đăng ký' },
    ]);
  });

  it('reports a failing inbound handler to the SMSC with ESME_RX_T_APPN', async () => {
    const client = session(smsc, 'flaky');
    toClose.push(() => client.close());
    client.onInbound(async () => {
      throw new Error('database down');
    });
    await client.connect();
    await expect(
      smsc.sendInbound({ from: '+84901112233', to: '8088', text: 'STOP', systemId: 'flaky' }),
    ).rejects.toThrow(/status 0x64/);
  });

  it('fails sendInbound when no receiver is bound for the system_id', async () => {
    await expect(smsc.sendInbound({ from: '+84901112233', to: '8088', text: 'x', systemId: 'nobody' })).rejects.toThrow(
      /no bound receiver/,
    );
  });
});

describe('SMSC simulator with concatenated parts (raw PDUs)', () => {
  let smsc: SmscSimulator;
  let esme: Awaited<ReturnType<typeof rawBind>>;
  const UDHI = 0x40;

  beforeAll(async () => {
    smsc = await startSmscSimulator();
    esme = await rawBind(smsc, 'bind_transmitter', 'raw-udh');
  });

  afterAll(async () => {
    await esme?.close();
    await smsc?.close();
  });

  function part(destination: string, udh: number[], body: Buffer, dataCoding: number): Promise<PDU> {
    return esme.submit({
      source_addr_ton: 5,
      source_addr: 'LOA',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: destination,
      esm_class: UDHI,
      data_coding: dataCoding,
      short_message: Buffer.concat([Buffer.from(udh), body]),
    });
  }

  it('records the 8-bit concatenation UDH and the decoded part text', async () => {
    const response = await part('84900000101', [5, 0, 3, 0xab, 2, 1], Buffer.from('Hello'), 0);
    expect(response.command_status).toBe(0);
    const recorded = smsc.submissions.find((s) => s.messageId === response.message_id);
    expect(recorded).toMatchObject({
      text: 'Hello',
      esmClass: UDHI,
      udh: { referenceBits: 8, reference: 0xab, total: 2, sequence: 1 },
    });
    expect(recorded?.udhBytes?.toString('hex')).toBe('050003ab0201');
  });

  it('records a 16-bit reference and a UDH that carries another element first', async () => {
    // IEI 0x0A (text formatting, 3 octets of data) before IEI 0x08 (concatenation, 16-bit reference).
    const udh = [11, 0x0a, 3, 0, 5, 0, 0x08, 4, 0x12, 0x34, 3, 3];
    const response = await part('84900000102', udh, Buffer.from('Hi', 'utf16le').swap16(), 8);
    const recorded = smsc.submissions.find((s) => s.messageId === response.message_id);
    expect(recorded).toMatchObject({
      text: 'Hi',
      udh: { referenceBits: 16, reference: 0x1234, total: 3, sequence: 3 },
    });
    expect(recorded?.udhBytes?.toString('hex')).toBe(Buffer.from(udh).toString('hex'));
  });

  it('has no concatenation header for UDHI without a concatenation element', async () => {
    const response = await part('84900000103', [3, 0x0a, 1, 0], Buffer.from('abc'), 0);
    expect(smsc.submissions.find((s) => s.messageId === response.message_id)).toMatchObject({
      text: 'abc',
      udh: null,
      udhBytes: Buffer.from([3, 0x0a, 1, 0]),
    });
  });

  it('refuses with ESME_RINVMSGLEN a part that cannot fit one SMS, and accepts one that just fits', async () => {
    const udh = [5, 0, 3, 1, 2, 1];
    // GSM-7: the 6-octet UDH takes 7 of 160 septets, leaving 153.
    expect((await part('84900000104', udh, Buffer.alloc(153, 0x41), 0)).command_status).toBe(0);
    expect((await part('84900000104', udh, Buffer.alloc(154, 0x41), 0)).command_status).toBe(0x01);
    // UCS-2: 140 octets − 6 = 134, i.e. 67 characters.
    const ucs2 = (n: number) => Buffer.from('ệ'.repeat(n), 'utf16le').swap16();
    expect((await part('84900000105', udh, ucs2(67), 8)).command_status).toBe(0);
    expect((await part('84900000105', udh, ucs2(68), 8)).command_status).toBe(0x01);
    // Without a UDH: 160 septets / 70 UCS-2 characters.
    const plain = (body: Buffer, dataCoding: number) =>
      esme.submit({ destination_addr: '84900000106', data_coding: dataCoding, short_message: body });
    expect((await plain(Buffer.alloc(160, 0x41), 0)).command_status).toBe(0);
    expect((await plain(Buffer.alloc(161, 0x41), 0)).command_status).toBe(0x01);
    expect((await plain(ucs2(70), 8)).command_status).toBe(0);
    expect((await plain(ucs2(71), 8)).command_status).toBe(0x01);
    expect(smsc.submissions.filter((s) => s.destination === '84900000104')).toHaveLength(1);
  });

  it('reassembles parts in sequence order and tells an incomplete message apart', async () => {
    await part('84900000107', [5, 0, 3, 9, 3, 2], Buffer.from('lo '), 0);
    await part('84900000107', [5, 0, 3, 9, 3, 1], Buffer.from('Hel'), 0);
    await part('84900000107', [5, 0, 3, 9, 3, 3], Buffer.from('world'), 0);
    await part('84900000107', [5, 0, 3, 10, 2, 1], Buffer.from('half'), 0);
    const messages = reassemble(smsc.submissions.filter((s) => s.destination === '84900000107'));
    expect(messages.map((m) => [m.text, m.complete, m.parts.length])).toEqual([
      ['Hello world', true, 3],
      ['half', false, 1],
    ]);
  });
});
