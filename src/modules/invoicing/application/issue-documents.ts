import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { ON_ORDER_STATUS_CHANGED, OrderStatusChanged } from '../../order/contracts/order.events';
import { ON_PAYMENT_REFUNDED, PaymentRefunded } from '../../payment/contracts/payment.events';
import { InvoiceLedger } from '../domain/invoice-ledger.port';

/**
 * Invoices and credit notes are issued inside the transaction that makes them due: the order's
 * move to `paid` issues its invoice, a settled refund its credit note. Their numbers come from
 * gap-free counters in that same transaction, so a rollback un-issues the document and its number.
 */
@Injectable()
export class IssueDocuments implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly ledger: InvoiceLedger,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(OrderStatusChanged, (e) => (e.payload.to === 'paid' ? this.issueInvoice(e.payload.orderId, e.occurredAt) : Promise.resolve()), {
      order: ON_ORDER_STATUS_CHANGED.issueInvoice,
    });
    this.events.subscribe(PaymentRefunded, (e) => this.issueCreditNote(e), { order: ON_PAYMENT_REFUNDED.issueCreditNote });
  }

  private async issueInvoice(orderId: string, at: Date): Promise<void> {
    if (await this.ledger.invoiceOf(orderId)) return;
    const { seq, number } = await this.ledger.next('invoice');
    await this.ledger.addInvoice({ orderId, seq, number, issuedAt: at });
  }

  private async issueCreditNote({ payload, occurredAt }: PaymentRefunded): Promise<void> {
    // A payment captured for an order that was never paid (cancelled first) had no invoice: its refund credits nothing.
    if (!(await this.ledger.invoiceOf(payload.orderId))) return;
    if (await this.ledger.hasCreditNoteFor(payload.refundId)) return;
    const { seq, number } = await this.ledger.next('credit_note');
    await this.ledger.addCreditNote({ id: randomUUID(), orderId: payload.orderId, seq, number, amount: payload.refunded, refundId: payload.refundId, issuedAt: occurredAt });
  }
}
