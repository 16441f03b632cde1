import { randomUUID } from 'node:crypto';
import { InvoiceLedger } from './invoice-ledger.port';

/**
 * The issuing rules, run inside the transaction that makes a document due: an order gets one
 * invoice, when it is paid; each settled refund of an invoiced order gets one credit note. The
 * numbers come from the ledger's gap-free counters in that same transaction.
 */
export class DocumentIssuer {
  constructor(private readonly ledger: InvoiceLedger) {}

  async orderPaid(orderId: string, at: Date): Promise<void> {
    if (await this.ledger.invoiceOf(orderId)) return;
    const { seq, number } = await this.ledger.next('invoice');
    await this.ledger.addInvoice({ orderId, seq, number, issuedAt: at });
  }

  async refundSettled(refund: { orderId: string; refundId: string; amount: number }, at: Date): Promise<void> {
    // A payment captured for an order that was never paid (cancelled first) had no invoice: its refund credits nothing.
    if (!(await this.ledger.invoiceOf(refund.orderId))) return;
    if (await this.ledger.hasCreditNoteFor(refund.refundId)) return;
    const { seq, number } = await this.ledger.next('credit_note');
    await this.ledger.addCreditNote({ id: randomUUID(), orderId: refund.orderId, seq, number, amount: refund.amount, refundId: refund.refundId, issuedAt: at });
  }
}
