import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it('passes over the ports the run will listen on later, however often the system offers them', async () => {
    const offered = [41001, 41002, 41001, 41003];
    const next = async (): Promise<number> => offered.shift()!;
    await expect(freePort(new Set([41001, 41002]), next)).resolves.toBe(41003);
    expect(offered).toEqual([]);
  });

  it('answers a port nothing listens on, which can then be bound', async () => {
    const port = await freePort();
    const srv = createServer();
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  });
});
