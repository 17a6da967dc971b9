import { connect, PDU, Session } from 'smpp';
import { DeliveryReceipt, InboundSms, SmppSession } from '../../../libs/sms/src/smpp';
import { SmscSimulator, startSmscSimulator } from '../../../tools/peers/smsc-simulator';
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
