import { io, type Socket } from 'socket.io-client';
import { now } from './machine.js';

/**
 * One client process of the fan-out benchmark: opens its share of sockets, subscribes
 * each, then reports the receipt time of every `event` whose data carries a bench marker.
 * Talks to its parent over IPC: {connect} → {ready}, {collect} → {receipts}.
 */
interface ConnectOrder {
  kind: 'connect';
  url: string;
  tokens: string[];
  channelId?: string; // the Relay server: subscribe to this channel (none: an idle socket)
  bare?: boolean; // the bare socket.io baseline: joins its room by itself
}

const sockets: Socket[] = [];
const receipts: { marker: string; at: number; socket: number; seq: number }[] = [];

function open(order: ConnectOrder, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(order.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const index = sockets.push(socket) - 1;
    type Received = { type?: string; seq?: number; data?: { title?: string; body?: string; marker?: string } };
    socket.on('event', (event: Received) => {
      const marker = order.bare
        ? event.data?.marker
        : event.type === 'alert.posted'
          ? event.data?.title
          : event.type === 'message.posted'
            ? event.data?.body
            : undefined;
      if (marker?.startsWith('bench-')) receipts.push({ marker, at: now(), socket: index, seq: event.seq ?? 0 });
    });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      if (order.bare || !order.channelId) return resolve();
      socket
        .timeout(30_000)
        .emitWithAck('subscribe', { channelId: order.channelId })
        .then((ack: { ok: boolean }) => (ack.ok ? resolve() : reject(new Error(JSON.stringify(ack)))), reject);
    });
  });
}

process.on('message', (message: ConnectOrder | { kind: 'collect' } | { kind: 'close' }) => {
  if (message.kind === 'connect') {
    // Connect in small batches so the server is not flooded with handshakes at once.
    void (async () => {
      for (let i = 0; i < message.tokens.length; i += 50) {
        await Promise.all(message.tokens.slice(i, i + 50).map((token) => open(message, token)));
      }
      process.send?.({ kind: 'ready', sockets: sockets.length });
    })().catch((error: unknown) => process.send?.({ kind: 'error', message: String(error) }));
  } else if (message.kind === 'collect') {
    process.send?.({ kind: 'receipts', receipts: receipts.splice(0) });
  } else {
    for (const socket of sockets) socket.close();
    process.exit(0);
  }
});
