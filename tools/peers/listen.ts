/** A server that listens like net.Server (TCP, HTTP, SMPP and SMTP servers here all do). */
export interface ListeningServer {
  listen(port: number, host: string, cb: () => void): unknown;
  once(event: 'error', cb: (error: Error) => void): unknown;
  off(event: 'error', cb: (error: Error) => void): unknown;
}

/** Starts listening on host:port (0 = any free port); rejects when the port cannot be taken. */
export function listenOn(server: ListeningServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
