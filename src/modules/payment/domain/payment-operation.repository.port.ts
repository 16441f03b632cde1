import { PaymentOperation } from './payment-operation';

export abstract class PaymentOperationRepository {
  abstract findById(id: string): Promise<PaymentOperation | null>;
  abstract findByIdForUpdate(id: string): Promise<PaymentOperation | null>;
  /** The operation a request (its Idempotency-Key) recorded before, to resume it. */
  abstract findByRequestRef(requestRef: string): Promise<PaymentOperation | null>;
  abstract save(operation: PaymentOperation): Promise<void>;
  /**
   * Pending operations due for another try and older than `olderThanSeconds`, claimed for
   * `claimSeconds` so that no other process picks them meanwhile (SKIP LOCKED).
   */
  abstract claimDue(limit: number, olderThanSeconds: number, claimSeconds: number): Promise<string[]>;
}
