import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { InvoiceFacts, OrderInvoiceFacts } from '../domain/invoice-facts';

interface Row {
  id: string;
  invoice_number: string | null;
  credit_notes: { number: string; amount: number; issued_at: string }[];
}

/** A read query over the invoicing context's tables (owned there, read here only). */
@Injectable()
export class SqlOrderInvoiceFacts extends OrderInvoiceFacts {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async of(orderIds: string[]): Promise<Map<string, InvoiceFacts>> {
    if (orderIds.length === 0) return new Map();
    const rows = (await this.tx.manager.query(
      `SELECT o.id, i.number AS invoice_number,
              COALESCE((SELECT json_agg(json_build_object('number', c.number, 'amount', c.amount, 'issued_at', c.issued_at) ORDER BY c.seq)
                          FROM credit_notes c WHERE c.order_id = o.id), '[]'::json) AS credit_notes
         FROM unnest($1::uuid[]) AS o(id) LEFT JOIN invoices i ON i.order_id = o.id`,
      [orderIds],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        r.id,
        { invoiceNumber: r.invoice_number, creditNotes: r.credit_notes.map((c) => ({ number: c.number, amount: Number(c.amount), issuedAt: new Date(c.issued_at) })) },
      ]),
    );
  }
}
