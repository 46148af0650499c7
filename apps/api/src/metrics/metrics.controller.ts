import { Controller, Get, Headers, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, AppError, Metrics, Public, ProblemResponses } from '@relay/platform';
import { AuthService } from '@relay/identity';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus text format, for an admin or a scraper holding METRICS_TOKEN. */
@ApiTags('operations')
@ApiBearerAuth()
@Public() // checked here: a scraper's static token is not a JWT
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Read the Prometheus metrics' })
  @ProblemResponses(403)
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format' })
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    await this.requireReader(authorization);
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (pool) {
      this.metrics.dbPool.set({ state: 'total' }, pool.totalCount);
      this.metrics.dbPool.set({ state: 'idle' }, pool.idleCount);
      this.metrics.dbPool.set({ state: 'waiting' }, pool.waitingCount);
    }
    return this.metrics.registry.metrics();
  }

  private async requireReader(authorization: string | undefined): Promise<void> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new AppError('unauthenticated', 'A valid access token is required');
    if (this.config.METRICS_TOKEN && sameSecret(token, this.config.METRICS_TOKEN)) return;
    const session = await this.auth.authenticateToken(token);
    if (!session) throw new AppError('unauthenticated', 'A valid access token is required');
    if (session.actor.role !== 'admin') throw AppError.forbidden('Only admins and the metrics scraper read metrics');
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
