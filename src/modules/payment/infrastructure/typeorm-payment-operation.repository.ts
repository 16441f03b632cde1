import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { PaymentOperation } from '../domain/payment-operation';
import { PaymentOperationRepository } from '../domain/payment-operation.repository.port';
import { PaymentOperationOrmEntity } from './payment.orm-entity';

@Injectable()
export class TypeOrmPaymentOperationRepository extends PaymentOperationRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  private async one(where: object, lock: boolean): Promise<PaymentOperation | null> {
    const row = await this.tx.manager.findOne(PaymentOperationOrmEntity, { where, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return row ? PaymentOperation.restore(row) : null;
  }

  findById(id: string): Promise<PaymentOperation | null> {
    return this.one({ id }, false);
  }

  findByIdForUpdate(id: string): Promise<PaymentOperation | null> {
    return this.one({ id }, true);
  }

  findByRequestRef(requestRef: string): Promise<PaymentOperation | null> {
    return this.one({ requestRef }, false);
  }

  async save(operation: PaymentOperation): Promise<void> {
    await this.tx.manager.upsert(PaymentOperationOrmEntity, operation.snapshot(), ['id']);
  }

  async claimDue(limit: number, olderThanSeconds: number, claimSeconds: number): Promise<string[]> {
    const rows = (await this.tx.manager.query(
      `UPDATE payment_operations SET next_attempt_at = now() + make_interval(secs => $3)
        WHERE id IN (SELECT id FROM payment_operations
                      WHERE status = 'pending' AND next_attempt_at <= now() AND created_at <= now() - make_interval(secs => $2)
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, olderThanSeconds, claimSeconds],
    )) as [{ id: string }[], number];
    return rows[0].map((r) => r.id);
  }
}
