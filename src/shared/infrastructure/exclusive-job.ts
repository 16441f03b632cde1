import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '../../metrics/metrics';
import { TransactionHost } from './transaction-host';

/**
 * Runs a scheduled job in one app process at a time: the job's transaction first takes a
 * transaction-level advisory lock and skips the run when another process holds it.
 */
@Injectable()
export class ExclusiveJobRunner {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionHost,
    private readonly metrics: Metrics,
  ) {}

  async run(name: string, work: () => Promise<number>): Promise<number | null> {
    if (!this.dataSource.isInitialized) return null;
    try {
      const count = await this.tx.run(async () => {
        const [{ locked }] = (await this.tx.manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`job:${name}`])) as {
          locked: boolean;
        }[];
        if (!locked) return null;
        const done = await work();
        if (done > 0) this.logger.log(`${name}: ${done}`);
        return done;
      });
      this.metrics.recordJob(name, count === null ? 'skipped' : 'completed');
      return count;
    } catch (error) {
      this.logger.error({ err: error }, `${name} failed`);
      this.metrics.recordJob(name, 'failed');
      return null;
    }
  }
}
