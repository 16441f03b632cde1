import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { ON_ORDER_STATUS_CHANGED, OrderStatusChanged } from '../../order/contracts/order.events';
import { ON_PAYMENT_REFUNDED, PaymentRefunded } from '../../payment/contracts/payment.events';
import { DocumentIssuer } from '../domain/document-issuer';
import { InvoiceLedger } from '../domain/invoice-ledger.port';

/**
 * Invoices and credit notes are issued inside the transaction that makes them due: the order's
 * move to `paid` issues its invoice, a settled refund its credit note; a rollback un-issues the
 * document and gives its number back.
 */
@Injectable()
export class IssueDocuments implements OnModuleInit {
  private readonly issuer: DocumentIssuer;

  constructor(
    private readonly events: EventBus,
    ledger: InvoiceLedger,
  ) {
    this.issuer = new DocumentIssuer(ledger);
  }

  onModuleInit(): void {
    this.events.subscribe(OrderStatusChanged, async (e) => (e.payload.to === 'paid' ? this.issuer.orderPaid(e.payload.orderId, e.occurredAt) : undefined), {
      order: ON_ORDER_STATUS_CHANGED.issueInvoice,
    });
    this.events.subscribe(PaymentRefunded, (e) => this.issuer.refundSettled({ orderId: e.payload.orderId, refundId: e.payload.refundId, amount: e.payload.refunded }, e.occurredAt), {
      order: ON_PAYMENT_REFUNDED.issueCreditNote,
    });
  }
}
