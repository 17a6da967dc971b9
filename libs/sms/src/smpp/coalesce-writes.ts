import type { Socket } from 'net';

/**
 * Coalesces what is written to a socket within one turn of the event loop into one send: the first write of a
 * turn corks the socket and the turn's end uncorks it. A pipelined SMPP session writes dozens of small PDUs at
 * once; one system call and one TCP segment for them all, instead of one each (Nagle's algorithm stays off, so
 * nothing waits beyond the current turn).
 */
export function coalesceWritesPerTurn(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]): boolean => {
    if (socket.writableCorked === 0) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    return write(...args);
  }) as Socket['write'];
}
