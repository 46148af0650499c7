import { io } from 'socket.io-client';
import { now } from './machine.js';

/**
 * The catch-up client: connects, then calls `sync` from seq 0 until `hasMore` is false,
 * checking order; reports the time to the first 10,000 events and to all of them.
 */
process.on('message', (order: { url: string; token: string; stream: string }) => {
  const socket = io(order.url, { auth: { token: order.token }, transports: ['websocket'], reconnection: false });
  socket.once('connect', () => {
    void (async () => {
      const started = now();
      let last = 0;
      let received = 0;
      let inOrder = true;
      let firstTenThousandMs = NaN;
      for (;;) {
        const ack = (await socket.timeout(60_000).emitWithAck('sync', { streams: { [order.stream]: last } })) as {
          ok: boolean;
          missed: { seq: number }[];
          hasMore: boolean;
        };
        for (const event of ack.missed) {
          if (event.seq !== last + 1) inOrder = false;
          last = event.seq;
        }
        received += ack.missed.length;
        if (received >= 10_000 && Number.isNaN(firstTenThousandMs)) firstTenThousandMs = now() - started;
        if (!ack.hasMore) break;
      }
      process.send?.({ received, inOrder, firstTenThousandMs, totalMs: now() - started }, () => process.exit(0));
    })();
  });
});
