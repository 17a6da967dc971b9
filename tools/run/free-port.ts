import { createServer } from 'node:net';

/** A TCP port the system hands out on loopback right now. */
function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A TCP port free on loopback right now, and none of `avoid`: ports this run will listen on itself but has not yet
 * (a port free now is not held, so the system may hand it out again before its owner binds it). `candidate` is
 * where ports come from: the system, unless a test says otherwise.
 */
export async function freePort(
  avoid: ReadonlySet<number> = new Set(),
  candidate: () => Promise<number> = anyFreePort,
): Promise<number> {
  for (;;) {
    const port = await candidate();
    if (!avoid.has(port)) return port;
  }
}
