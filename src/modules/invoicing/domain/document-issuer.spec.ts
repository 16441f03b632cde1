import { DocumentIssuer } from './document-issuer';
import { DocumentKind, documentNumber } from './document-number';
import { InvoiceLedger, IssuedCreditNote, IssuedInvoice } from './invoice-ledger.port';

/** The ledger in memory: counters that only move when a document is issued. */
class MemoryLedger extends InvoiceLedger {
  counters: Record<DocumentKind, number> = { invoice: 0, credit_note: 0 };
  invoices: IssuedInvoice[] = [];
  notes: IssuedCreditNote[] = [];
  async next(kind: DocumentKind) {
    const seq = ++this.counters[kind];
    return { seq, number: documentNumber(kind, seq) };
  }
  async invoiceOf(orderId: string) {
    return this.invoices.find((i) => i.orderId === orderId) ?? null;
  }
  async addInvoice(invoice: IssuedInvoice) {
    this.invoices.push(invoice);
  }
  async creditNotesOf(orderId: string) {
    return this.notes.filter((n) => n.orderId === orderId);
  }
  async hasCreditNoteFor(refundId: string) {
    return this.notes.some((n) => n.refundId === refundId);
  }
  async addCreditNote(note: IssuedCreditNote) {
    this.notes.push(note);
  }
}

function setUp() {
  const ledger = new MemoryLedger();
  const issuer = new DocumentIssuer(ledger);
  const at = new Date('2026-11-29T12:00:00Z');
  return { ledger, paid: (orderId: string) => issuer.orderPaid(orderId, at), refunded: (orderId: string, refundId: string, amount: number) => issuer.refundSettled({ orderId, refundId, amount }, at) };
}

describe('issuing invoices and credit notes', () => {
  it('numbers documents INV-000001, CN-000001, and past a million', () => {
    expect(documentNumber('invoice', 1)).toBe('INV-000001');
    expect(documentNumber('credit_note', 42)).toBe('CN-000042');
    expect(documentNumber('invoice', 1_234_567)).toBe('INV-1234567');
  });

  it('issues one invoice per paid order, numbered in order', async () => {
    const { ledger, paid } = setUp();
    await paid('o1');
    await paid('o2');
    await paid('o1'); // a replay changes nothing
    expect(ledger.invoices.map((i) => [i.orderId, i.number])).toEqual([
      ['o1', 'INV-000001'],
      ['o2', 'INV-000002'],
    ]);
    expect(ledger.counters.invoice).toBe(2);
  });

  it('issues a credit note per refund of an invoiced order, once, with its own counter', async () => {
    const { ledger, paid, refunded } = setUp();
    await refunded('never-paid', 'r0', 100); // captured after cancellation: no invoice, nothing to credit
    await paid('o1');
    await refunded('o1', 'r1', 1500);
    await refunded('o1', 'r1', 1500);
    await refunded('o1', 'r2', 3500);
    expect(ledger.notes.map((n) => [n.number, n.amount, n.refundId])).toEqual([
      ['CN-000001', 1500, 'r1'],
      ['CN-000002', 3500, 'r2'],
    ]);
    expect(ledger.counters).toEqual({ invoice: 1, credit_note: 2 });
  });
});
