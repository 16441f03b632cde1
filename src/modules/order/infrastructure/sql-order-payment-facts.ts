import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { OrderPaymentFacts, PaymentFacts } from '../domain/payment-state';

interface Row {
  id: string;
  paid_at: Date | null;
  captured_amount: string | null;
  captured_refunded: string | null;
  last_status: string | null;
  last_failure_reason: string | null;
}

/**
 * A read query over the order's history and the payments table (owned by the payment context,
 * read here only): the first move to `paid`, the captured payment, and the latest attempt.
 */
@Injectable()
export class SqlOrderPaymentFacts extends OrderPaymentFacts {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async of(orderIds: string[]): Promise<Map<string, PaymentFacts>> {
    if (orderIds.length === 0) return new Map();
    const rows = (await this.tx.manager.query(
      `SELECT o.id,
              (SELECT min(h.at) FROM order_status_history h WHERE h.order_id = o.id AND h.to_status = 'paid') AS paid_at,
              cap.amount AS captured_amount, cap.amount_refunded AS captured_refunded,
              last.status AS last_status, last.failure_reason AS last_failure_reason
         FROM unnest($1::uuid[]) AS o(id)
         LEFT JOIN LATERAL (SELECT p.amount, p.amount_refunded FROM payments p
                             WHERE p.order_id = o.id AND p.status IN ('succeeded', 'refunded')
                             ORDER BY p.created_at DESC LIMIT 1) cap ON true
         LEFT JOIN LATERAL (SELECT p.status, p.failure_reason FROM payments p
                             WHERE p.order_id = o.id ORDER BY p.created_at DESC LIMIT 1) last ON true`,
      [orderIds],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          paidAt: r.paid_at,
          captured: r.captured_amount === null ? null : { amount: Number(r.captured_amount), refunded: Number(r.captured_refunded ?? 0) },
          lastAttempt: r.last_status === null ? null : { status: r.last_status, failureReason: r.last_failure_reason },
        },
      ]),
    );
  }
}
