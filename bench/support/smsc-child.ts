/**
 * The SMSC simulator in a process of its own (forked by startSmscProcess): a real SMSC is another machine, and in
 * the benchmark's process it would take the CPU the code under study needs. Answers the parent's questions over IPC.
 */
import { SmscSimulatorOptions, startSmscSimulator } from '../../tools/peers/smsc-simulator';
import type { SmscChildReply, SmscChildRequest } from './smsc-process';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SmscSimulatorOptions;
  const smsc = await startSmscSimulator({ ...options, port: 0 });
  const reply = (message: SmscChildReply): void => {
    process.send?.(message, () => {
      if (closing) process.disconnect?.(); // nothing left to answer: the process ends
    });
  };
  let closing = false;
  process.on('message', (request: SmscChildRequest) => {
    const answer = async (): Promise<void> => {
      if (request.op === 'wait-submissions') await smsc.waitForSubmissions(request.n, request.timeoutMs);
      if (request.op === 'wait-receipts') await smsc.waitForReceipts(request.n, request.timeoutMs);
      if (request.op === 'close') {
        closing = true;
        await smsc.close();
      }
    };
    answer().then(
      () =>
        reply({
          id: request.id,
          ...smsc.counts(),
          error: null,
        }),
      (e: unknown) =>
        reply({
          id: request.id,
          ...smsc.counts(),
          error: e instanceof Error ? e.message : String(e),
        }),
    );
  });
  reply({ id: 0, host: smsc.host, port: smsc.port, submissions: 0, receipts: 0, error: null });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
