import { Global, Module } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics';
import { Metrics } from './metrics';

/** The registry and its database gauges; the scrape route itself is registered by installOperationalHooks. */
@Global()
@Module({ providers: [Metrics, DatabaseMetrics], exports: [Metrics] })
export class MetricsModule {}
