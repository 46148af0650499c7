import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';

/**
 * Whether this node is draining: readiness fails so the load balancer sends no more work,
 * and every response from then on ends its connection. A keep-alive connection left idle
 * would be closed by the server while the proxy may be sending it a request, and a proxy
 * does not retry a POST it has sent (nginx answers 502).
 */
@Injectable()
export class Lifecycle {
  draining = false;
  private readonly unanswered = new Set<ServerResponse>();

  /** Follows the HTTP server's responses, so that draining can end their connections. */
  watch(server: Server): void {
    // Longer than the proxy's idle timeout (nginx: 60 s), so the proxy closes an idle connection first.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (this.draining) {
        response.shouldKeepAlive = false;
        return;
      }
      this.unanswered.add(response);
      response.once('close', () => this.unanswered.delete(response));
    });
  }

  /** Fails readiness; responses not yet begun will say `Connection: close`. */
  drain(): void {
    this.draining = true;
    for (const response of this.unanswered) if (!response.headersSent) response.shouldKeepAlive = false;
  }
}
