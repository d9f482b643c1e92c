import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Liveness: the process answers. Nothing external is checked. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'The process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers, and Redis when configured. 503 otherwise. */
  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async ready(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: 1500 })];
    if (this.redis.configured) checks.push(() => this.redis.isHealthy());
    try {
      return await this.health.check(checks);
    } catch (err) {
      if (!(err instanceof HttpException)) throw err;
      const result = err.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw new HttpException({ message: `not ready: ${down.join(', ')} down` }, 503, { cause: result });
    }
  }
}
