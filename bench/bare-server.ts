import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The baseline: socket.io alone, no NestJS, no database, no auth. `POST /broadcast?marker=`
 * emits one event to every socket in the room, as our server does for a channel.
 */
const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/broadcast') {
    io.of('/live')
      .to('room')
      .emit('event', { type: 'alert.posted', data: { marker: url.searchParams.get('marker') } });
    res.writeHead(201).end();
  } else {
    res.writeHead(404).end();
  }
});
const io = new Server(http, { transports: ['websocket'] });
io.of('/live').on('connection', (socket) => void socket.join('room'));
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ kind: 'listening' }));
