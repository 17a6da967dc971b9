/**
 * Starts the Twilio API stand-in alone: TWILIO_PORT (4010), TWILIO_ACCOUNT_SID and
 * TWILIO_AUTH_TOKEN (demo defaults).
 */
import { startTwilioStandin } from '../twilio-standin';
import { closeOnSignals, numberFromEnv, runCli, stringFromEnv } from './cli-support';

runCli(async () => {
  const accountSid = stringFromEnv('TWILIO_ACCOUNT_SID', 'ACdemo0000000000000000000000000000');
  const authToken = stringFromEnv('TWILIO_AUTH_TOKEN', 'demo-twilio-auth-token');
  const twilio = await startTwilioStandin({
    port: numberFromEnv('TWILIO_PORT', 4010),
    accounts: { [accountSid]: authToken },
  });
  console.log(`Twilio stand-in listening on ${twilio.baseUrl} (account ${accountSid})`);
  closeOnSignals('Twilio stand-in', () => twilio.close());
});
