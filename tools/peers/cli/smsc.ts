/** Starts the SMSC simulator alone: SMSC_PORT (2775), SMSC_FAILURE_RATE (0), SMSC_LATENCY_MS (0). */
import { startSmscSimulator } from '../smsc-simulator';
import { closeOnSignals, numberFromEnv, runCli } from './cli-support';

runCli(async () => {
  const failureRate = numberFromEnv('SMSC_FAILURE_RATE', 0);
  const latencyMs = numberFromEnv('SMSC_LATENCY_MS', 0);
  const smsc = await startSmscSimulator({ port: numberFromEnv('SMSC_PORT', 2775), failureRate, latencyMs });
  console.log(
    `SMSC simulator listening on smpp://${smsc.host}:${smsc.port} (any system_id/password, failureRate=${failureRate}, latencyMs=${latencyMs})`,
  );
  closeOnSignals('SMSC simulator', () => smsc.close());
});
