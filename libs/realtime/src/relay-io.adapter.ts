import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { allowedOrigins, type AppConfig, type RedisConnection } from '@relay/platform';

/**
 * socket.io with our limits: a maximum message size (a larger frame closes the socket),
 * and browser origins checked against ALLOWED_ORIGINS (clients that send no Origin, such
 * as servers and mobile apps, are let through to the token check; so is the web console, which
 * the server itself serves, from its own origin). With REDIS_URL, the
 * official Redis (pub/sub) adapter joins the nodes: rooms, presence and disconnects work
 * across them, and each node relays the others' events to its own sockets.
 */
export class RelayIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = allowedOrigins(this.config);
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: this.config.SOCKET_MAX_MESSAGE_BYTES,
      cors: { origin: origins.length > 0 ? origins : false },
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, origin === undefined || origins.includes(origin) || sameOrigin(origin, req.headers.host));
      },
    }) as Server;
    if (this.redis.pub && this.redis.sub) server.adapter(createAdapter(this.redis.pub, this.redis.sub));
    return server;
  }
}

/** The page was served by this server (the console): its origin names the host it asked. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
