import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { DocumentKind, documentNumber } from '../domain/document-number';
import { InvoiceLedger, IssuedCreditNote, IssuedInvoice } from '../domain/invoice-ledger.port';

@Injectable()
export class PgInvoiceLedger extends InvoiceLedger {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async next(kind: DocumentKind): Promise<{ seq: number; number: string }> {
    if (!this.tx.inTransaction) throw new Error('A document number is taken inside the transaction that issues the document');
    // UPDATE answers [rows, count]. The row lock is held until commit: payments issuing invoices queue here.
    const [[row]] = (await this.tx.manager.query(`UPDATE document_counters SET last_value = last_value + 1 WHERE kind = $1 RETURNING last_value`, [kind])) as [
      { last_value: string }[],
      number,
    ];
    const seq = Number(row.last_value);
    return { seq, number: documentNumber(kind, seq) };
  }

  async invoiceOf(orderId: string): Promise<IssuedInvoice | null> {
    const [row] = (await this.tx.manager.query(`SELECT order_id, number, issued_at FROM invoices WHERE order_id = $1`, [orderId])) as { order_id: string; number: string; issued_at: Date }[];
    return row ? { orderId: row.order_id, number: row.number, issuedAt: row.issued_at } : null;
  }

  async addInvoice(invoice: IssuedInvoice & { seq: number }): Promise<void> {
    await this.tx.manager.query(`INSERT INTO invoices (order_id, seq, number, issued_at) VALUES ($1, $2, $3, $4)`, [invoice.orderId, invoice.seq, invoice.number, invoice.issuedAt]);
  }

  async creditNotesOf(orderId: string): Promise<IssuedCreditNote[]> {
    const rows = (await this.tx.manager.query(`SELECT id, order_id, number, amount, refund_id, issued_at FROM credit_notes WHERE order_id = $1 ORDER BY seq`, [orderId])) as {
      id: string;
      order_id: string;
      number: string;
      amount: string;
      refund_id: string;
      issued_at: Date;
    }[];
    return rows.map((r) => ({ id: r.id, orderId: r.order_id, number: r.number, amount: Number(r.amount), refundId: r.refund_id, issuedAt: r.issued_at }));
  }

  async hasCreditNoteFor(refundId: string): Promise<boolean> {
    const rows = (await this.tx.manager.query(`SELECT 1 FROM credit_notes WHERE refund_id = $1`, [refundId])) as unknown[];
    return rows.length > 0;
  }

  async addCreditNote(note: IssuedCreditNote & { seq: number }): Promise<void> {
    await this.tx.manager.query(`INSERT INTO credit_notes (id, order_id, seq, number, amount, refund_id, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      note.id,
      note.orderId,
      note.seq,
      note.number,
      note.amount,
      note.refundId,
      note.issuedAt,
    ]);
  }
}
