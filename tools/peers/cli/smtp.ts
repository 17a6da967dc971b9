/** Starts the SMTP capture alone: SMTP_PORT (2525), SMTP_HTTP_PORT (8025) for GET /messages. */
import { startSmtpCapture } from '../smtp-capture';
import { closeOnSignals, numberFromEnv, runCli } from './cli-support';

runCli(async () => {
  const host = '127.0.0.1';
  const smtp = await startSmtpCapture({
    host,
    port: numberFromEnv('SMTP_PORT', 2525),
    httpPort: numberFromEnv('SMTP_HTTP_PORT', 8025),
  });
  console.log(
    `SMTP capture listening on smtp://${host}:${smtp.port}, captured mail at http://${host}:${smtp.httpPort}/messages`,
  );
  closeOnSignals('SMTP capture', () => smtp.close());
});
