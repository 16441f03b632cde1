import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { IntervalJob } from '../../../shared/infrastructure/interval-job';
import { PaymentOperationRepository } from '../domain/payment-operation.repository.port';
import { PaymentProcess } from './payment-process';

const BATCH = 20;

/**
 * Settles provider calls that a crash, a timeout or a lost answer left pending (older than
 * PAYMENT_RECONCILE_AFTER_SECONDS): each is claimed with SKIP LOCKED for a while, so several app
 * processes share the work, and settled by asking the provider (see PaymentProcess.reconcile).
 */
@Injectable()
export class ReconcilePayments extends IntervalJob {
  private readonly logger = new Logger('ReconcilePayments');
  private running = false;

  constructor(
    private readonly operations: PaymentOperationRepository,
    private readonly process: PaymentProcess,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.payments.reconcileIntervalSeconds * 1000;
  }

  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const { reconcileAfterSeconds, providerTimeoutMs } = this.config.payments;
      // Claimed for longer than one provider call may take, so no other process picks it meanwhile.
      const claimSeconds = Math.ceil(providerTimeoutMs / 1000) * 2 + 5;
      const ids = await this.unitOfWork.run(() => this.operations.claimDue(BATCH, reconcileAfterSeconds, claimSeconds), { answersRequest: false });
      for (const id of ids) {
        await this.process.reconcile(id).catch((error: unknown) => this.logger.warn({ err: error }, `reconciling payment operation ${id} failed`));
      }
      return ids.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'payment reconciliation failed; the next run tries again');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
