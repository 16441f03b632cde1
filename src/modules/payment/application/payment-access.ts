import { NotFoundError } from '../../../shared/domain/domain-error';

/**
 * A payment of an order the caller may not see does not exist for them either. Only "not found"
 * is translated; any other failure (a conflict, the database) passes through unchanged.
 */
export const hiddenAsPayment =
  (paymentId: string) =>
  (error: unknown): never => {
    throw error instanceof NotFoundError ? new NotFoundError('Payment', paymentId) : error;
  };
