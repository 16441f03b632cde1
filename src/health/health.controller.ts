import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../shared/presentation/auth.decorators';
import { Lifecycle } from './lifecycle';

const CHECK_TIMEOUT_MS = 2000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ operationId: 'getHealth', summary: 'Readiness (same as GET /health/ready)' })
  check() {
    return this.readiness();
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Whether this process can serve: database reachable, migrations applied, not draining (503 otherwise)',
  })
  ready() {
    return this.readiness();
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Whether the process works; never looks at the database' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 with every check, or a 503 problem whose detail names the checks that failed. */
  private async readiness() {
    try {
      return await this.health.check([
        () => this.draining(),
        () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () => this.migrations(),
      ]);
    } catch (error) {
      const failed = (error as { response?: { error?: Record<string, Record<string, unknown>> } }).response?.error;
      if (!(error instanceof ServiceUnavailableException) || !failed) throw error;
      const reasons = Object.entries(failed).map(([check, result]) => {
        const why = Object.entries(result).filter(([key]) => key !== 'status');
        return why.length ? `${check} (${why.map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` : check;
      });
      throw new ServiceUnavailableException(`Not ready: ${reasons.join('; ')}`);
    }
  }

  private draining() {
    const indicator = this.indicators.check('shutdown');
    return this.lifecycle.draining ? indicator.down({ draining: true }) : indicator.up({ draining: false });
  }

  private async migrations() {
    const indicator = this.indicators.check('migrations');
    try {
      const pending = await within(CHECK_TIMEOUT_MS, this.dataSource.showMigrations());
      return pending ? indicator.down({ pending: true }) : indicator.up({ pending: false });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
