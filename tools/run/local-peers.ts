import { SmscSimulator, SmscSimulatorOptions, startSmscSimulator } from '../peers/smsc-simulator';
import { SmtpCapture, SmtpCaptureOptions, startSmtpCapture } from '../peers/smtp-capture';
import { TwilioStandin, TwilioStandinOptions, startTwilioStandin } from '../peers/twilio-standin';
import { DEFAULT_DEMO_PEERS, DemoPeers } from '../seed/seed-demo';

export interface LocalPeers {
  smsc: SmscSimulator;
  /** The simulator's live options: tests change latency or failure rate while it runs. */
  smscOptions: SmscSimulatorOptions;
  smtp: SmtpCapture;
  /** The capture's live options: tests slow its acceptance down while it runs. */
  smtpOptions: SmtpCaptureOptions;
  twilio: TwilioStandin;
  /** The stand-in's live options: tests lose callbacks or fail destinations while it runs. */
  twilioOptions: TwilioStandinOptions;
  /** What the seed writes into the carriers table so the worker reaches these peers. */
  demoPeers: DemoPeers;
  close(): Promise<void>;
}

/** Starts the three protocol peers on loopback (port 0 = any free port). */
export async function startLocalPeers(
  ports: { smsc: number; smtp: number; twilio: number; smtpHttp?: number },
  smscOptions: { failureRate?: number; latencyMs?: number; random?: () => number } = {},
): Promise<LocalPeers> {
  const liveOptions: SmscSimulatorOptions = { port: ports.smsc, receiptDelayMs: 100, ...smscOptions };
  const smsc = await startSmscSimulator(liveOptions);
  const smtpOptions: SmtpCaptureOptions = { port: ports.smtp, httpPort: ports.smtpHttp };
  const smtp = await startSmtpCapture(smtpOptions);
  const twilioOptions: TwilioStandinOptions = {
    port: ports.twilio,
    accounts: { [DEFAULT_DEMO_PEERS.twilioAccountSid]: DEFAULT_DEMO_PEERS.twilioAuthToken },
    callbackDelayMs: 100,
  };
  const twilio = await startTwilioStandin(twilioOptions);
  return {
    smsc,
    smscOptions: liveOptions,
    smtp,
    smtpOptions,
    twilio,
    twilioOptions,
    demoPeers: { ...DEFAULT_DEMO_PEERS, smscHost: '127.0.0.1', smscPort: smsc.port, twilioApiBaseUrl: twilio.baseUrl },
    // Closes the peers in use now (a test may have replaced the SMSC to simulate an outage).
    async close(this: LocalPeers) {
      await Promise.allSettled([this.smsc.close(), this.smtp.close(), this.twilio.close()]);
    },
  };
}
