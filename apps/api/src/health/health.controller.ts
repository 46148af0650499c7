import { SkipThrottle } from '@nestjs/throttler';
import { Controller, Get } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Lifecycle, Public, RedisConnection } from '@relay/platform';

@ApiTags('operations')
@Public()
// Probes (load balancer, orchestrator) must always get an answer, and must not use up the
// rate-limit budget of the address they share with clients.
@SkipThrottle({ user: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisConnection,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOperation({ summary: 'Check that the process answers' })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database (and Redis, when configured) answer, and the node is not draining; 503 otherwise. */
  @Get('ready')
  @ApiOperation({ summary: 'Check the database, Redis and draining state' })
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      async () => {
        const check = this.indicators.check('node');
        return this.lifecycle.draining ? check.down({ draining: true }) : check.up();
      },
      ...(this.redis.configured
        ? [
            async () => {
              const check = this.indicators.check('redis');
              return (await this.redis.ping()) ? check.up() : check.down();
            },
          ]
        : []),
    ]);
  }
}
