import { Injectable } from '@nestjs/common';

/** Whether this node is draining: readiness fails so the load balancer sends no more work. */
@Injectable()
export class Lifecycle {
  draining = false;
}
