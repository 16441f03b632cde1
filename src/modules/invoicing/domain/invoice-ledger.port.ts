import { DocumentKind } from './document-number';

export interface IssuedInvoice {
  orderId: string;
  number: string;
  issuedAt: Date;
}

export interface IssuedCreditNote {
  id: string;
  orderId: string;
  number: string;
  /** Pence refunded, VAT included. */
  amount: number;
  refundId: string;
  issuedAt: Date;
}

/**
 * Invoices and credit notes with their numbers. `next` takes the next number of a kind from its
 * counter row in the caller's transaction: the row stays locked until commit (so numbers are
 * handed out in commit order) and a rollback gives the number back, so the sequence has no gaps.
 */
export abstract class InvoiceLedger {
  abstract next(kind: DocumentKind): Promise<{ seq: number; number: string }>;
  abstract invoiceOf(orderId: string): Promise<IssuedInvoice | null>;
  abstract addInvoice(invoice: IssuedInvoice & { seq: number }): Promise<void>;
  abstract creditNotesOf(orderId: string): Promise<IssuedCreditNote[]>;
  abstract hasCreditNoteFor(refundId: string): Promise<boolean>;
  abstract addCreditNote(note: IssuedCreditNote & { seq: number }): Promise<void>;
}
