import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and the series the app records as it works. Gauges read
 * from the database on each scrape live in DatabaseMetrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Scheduled job runs in this process by outcome (completed, skipped: another process held the job, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'job_failures_total',
    help: 'Scheduled job runs that failed in this process',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });

  readonly emails = new Counter({
    name: 'emails_total',
    help: 'Email send attempts in this process by template and outcome (sent, failed: retried later, dead: given up)',
    labelNames: ['template', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one finished HTTP request; `route` is the template (`/api/v1/orders/:id`), never the raw URL. */
  observeRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    this.httpRequestDuration.observe({ method, route: route ?? 'unmatched', status_code: String(statusCode) }, seconds);
  }

  recordJob(job: string, outcome: 'completed' | 'skipped' | 'failed'): void {
    this.jobRuns.inc({ job, outcome });
    if (outcome === 'failed') this.jobFailures.inc({ job });
  }

  recordEmail(template: string, outcome: 'sent' | 'failed' | 'dead'): void {
    this.emails.inc({ template, outcome });
  }
}
