import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { createTwilioClient, verifyTwilioSignature } from '../../../libs/sms/src/twilio';
import { startTwilioStandin, TwilioStandin, TwilioStandinOptions } from '../../../tools/peers/twilio-standin';
import { TwilioProvider } from '../../../libs/sms/src/providers/twilio-provider';
import { waitUntil } from './wait-until';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'test-twilio-auth-token';
const FAILING_NUMBER = '+15005550009';

interface ReceivedCallback {
  path: string;
  signature: string;
  params: Record<string, string>;
}

/** A tiny status-callback endpoint standing for the Loa API. */
async function startCallbackReceiver(): Promise<{ server: Server; url: string; received: ReceivedCallback[] }> {
  const received: ReceivedCallback[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        signature: String(request.headers['x-twilio-signature'] ?? ''),
        params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/webhooks/twilio/status?campaign=7`, received };
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const reason: unknown = await promise.then(
    () => new Error('expected the Twilio call to fail'),
    (error: unknown) => error,
  );
  return reason as Record<string, unknown>;
}

describe('Twilio stand-in driven by the official SDK', () => {
  let standin: TwilioStandin;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  const standinOptions: TwilioStandinOptions = {
    accounts: { [ACCOUNT_SID]: AUTH_TOKEN },
    callbackDelayMs: 10,
    failDestinations: (to) => to === FAILING_NUMBER,
  };

  beforeAll(async () => {
    standin = await startTwilioStandin(standinOptions);
    receiver = await startCallbackReceiver();
  });

  afterAll(async () => {
    await standin?.close();
    if (receiver) {
      receiver.server.closeAllConnections();
      await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    }
  });

  const client = () =>
    createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: standin.baseUrl });

  it('creates a message and posts signed status callbacks (sent, delivered)', async () => {
    const message = await client().messages.create({
      to: '+84901234567',
      from: '+15005550006',
      body: 'Cảnh báo: nước lũ dâng cao',
      statusCallback: receiver.url,
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      accountSid: ACCOUNT_SID,
      to: '+84901234567',
      from: '+15005550006',
      body: 'Cảnh báo: nước lũ dâng cao',
      status: 'queued',
      numSegments: '1',
      direction: 'outbound-api',
    });
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(standin.messages[0]).toMatchObject({ sid: message.sid, accountSid: ACCOUNT_SID });

    await standin.waitForCallbacks(2, 5_000);
    const forMessage = receiver.received.filter((callback) => callback.params.MessageSid === message.sid);
    expect(forMessage.map((callback) => callback.params.MessageStatus)).toEqual(['sent', 'delivered']);
    for (const callback of forMessage) {
      expect(callback.path).toBe('/webhooks/twilio/status?campaign=7');
      expect(callback.params).toMatchObject({
        SmsSid: message.sid,
        SmsStatus: callback.params.MessageStatus,
        To: '+84901234567',
        From: '+15005550006',
        AccountSid: ACCOUNT_SID,
        ApiVersion: '2010-04-01',
      });
      const check = { signature: callback.signature, url: receiver.url, params: callback.params };
      expect(verifyTwilioSignature({ ...check, authToken: AUTH_TOKEN })).toBe(true);
      expect(verifyTwilioSignature({ ...check, authToken: 'another-token' })).toBe(false);
      expect(
        verifyTwilioSignature({
          ...check,
          authToken: AUTH_TOKEN,
          params: { ...callback.params, MessageStatus: 'read' },
        }),
      ).toBe(false);
    }
    expect(standin.callbacks.map((callback) => callback.httpStatus)).toEqual([204, 204]);

    const fetched = await client().messages(message.sid).fetch();
    expect(fetched.status).toBe('delivered');
  });

  it('reports failing destinations as undelivered with ErrorCode 30003', async () => {
    const message = await client().messages.create({
      to: FAILING_NUMBER,
      from: '+15005550006',
      body: 'Test',
      statusCallback: receiver.url,
    });
    await waitUntil(
      () => receiver.received.filter((callback) => callback.params.MessageSid === message.sid).length === 2,
      'two callbacks for the failing message',
    );
    const last = receiver.received.filter((callback) => callback.params.MessageSid === message.sid)[1];
    expect(last.params).toMatchObject({ MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect(
      verifyTwilioSignature({
        authToken: AUTH_TOKEN,
        signature: last.signature,
        url: receiver.url,
        params: last.params,
      }),
    ).toBe(true);
  });

  it('lets TwilioProvider ask where a message stands when its callbacks are lost', async () => {
    standinOptions.loseCallbacks = () => true;
    standinOptions.callbackDelayMs = 200;
    try {
      const provider = new TwilioProvider('mobifone', {
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        apiBaseUrl: standin.baseUrl,
        statusCallbackUrl: receiver.url,
      });
      const ok = await provider.send({ msisdn: '84901234500', senderName: '+15005550006', text: 'Lost callback' });
      const failing = await provider.send({ msisdn: FAILING_NUMBER.slice(1), senderName: '+15005550006', text: 'x' });
      if (ok.kind !== 'accepted' || failing.kind !== 'accepted') throw new Error('both messages should be accepted');
      const ask = (sid: string) => provider.queryStatus({ providerMessageId: sid, senderName: '+15005550006' });
      expect(await ask(ok.providerMessageId!)).toEqual({ kind: 'pending', providerStatus: 'queued' });
      const settled = async (sid: string) => {
        for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
          const answer = await ask(sid);
          if (answer.kind !== 'pending') return answer;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`message ${sid} never ended`);
      };
      expect(await settled(ok.providerMessageId!)).toEqual({
        kind: 'final',
        outcome: 'delivered',
        providerStatus: 'delivered',
        errorCode: null,
      });
      expect(await settled(failing.providerMessageId!)).toEqual({
        kind: 'final',
        outcome: 'failed',
        providerStatus: 'undelivered',
        errorCode: '30003',
      });
      expect(await ask('SM00000000000000000000000000000000')).toEqual({
        kind: 'unknown',
        providerStatus: 'not found (404)',
      });
      const sids = [ok.providerMessageId, failing.providerMessageId];
      expect(receiver.received.filter((c) => sids.includes(c.params.MessageSid))).toEqual([]);
    } finally {
      standinOptions.loseCallbacks = undefined;
      standinOptions.callbackDelayMs = 10;
    }
  });

  it('counts segments like Twilio (UCS-2 over 70 characters)', async () => {
    const message = await client().messages.create({ to: '+84901234567', from: '+15005550006', body: 'ư'.repeat(71) });
    expect(message.numSegments).toBe('2');
  });

  it('rejects an invalid To number with a Twilio-shaped 400 (21211)', async () => {
    const error = await rejection(client().messages.create({ to: '0901234567', from: '+15005550006', body: 'x' }));
    expect(error).toMatchObject({ status: 400, code: 21211 });
    expect(error.moreInfo).toBe('https://www.twilio.com/docs/errors/21211');
  });

  it('rejects a missing From/MessagingServiceSid with 21603', async () => {
    const error = await rejection(client().messages.create({ to: '+84901234567', body: 'x' }));
    expect(error).toMatchObject({ status: 400, code: 21603 });
  });

  it('makes the SDK throw 401 (20003) for a wrong auth token', async () => {
    const wrong = createTwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: 'wrong-token',
      apiBaseUrl: standin.baseUrl,
    });
    const error = await rejection(wrong.messages.create({ to: '+84901234567', from: '+15005550006', body: 'x' }));
    expect(error).toMatchObject({ status: 401, code: 20003, message: 'Authenticate' });
  });
});
