import { EventBus } from '../../../shared/application/event-bus';
import { EventHandlers } from '../../../shared/application/event-handlers';
import { DomainEvent } from '../../../shared/domain/domain-event';
import { OrderStatusChanged } from '../../order/contracts/order.events';
import { PaymentRefunded } from '../../payment/contracts/payment.events';
import { DocumentKind, documentNumber } from '../domain/document-number';
import { InvoiceLedger, IssuedCreditNote, IssuedInvoice } from '../domain/invoice-ledger.port';
import { IssueDocuments } from './issue-documents';

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
  const handlers = new EventHandlers();
  const bus = { subscribe: handlers.subscribe.bind(handlers) } as unknown as EventBus;
  const ledger = new MemoryLedger();
  new IssueDocuments(bus, ledger).onModuleInit();
  const publish = async (event: DomainEvent) => {
    for (const handle of handlers.of(event.name)) await handle(event);
  };
  return { ledger, publish };
}

const moved = (orderId: string, to: 'paid' | 'processing' | 'refunded') =>
  new OrderStatusChanged(orderId, { orderId, userId: null, from: null, to, actorId: null, actorRole: 'system', note: null, carrier: null, trackingNumber: null, productIds: [], serviceOnly: false });
const refunded = (orderId: string, refundId: string, amount: number) =>
  new PaymentRefunded('p1', { paymentId: 'p1', orderId, amount: 5000, currency: 'GBP', refundId, refunded: amount, fullyRefunded: false });

describe('issuing invoices and credit notes', () => {
  it('numbers documents INV-000001, CN-000001, and past a million', () => {
    expect(documentNumber('invoice', 1)).toBe('INV-000001');
    expect(documentNumber('credit_note', 42)).toBe('CN-000042');
    expect(documentNumber('invoice', 1_234_567)).toBe('INV-1234567');
  });

  it('issues one invoice when an order becomes paid, and none on other moves', async () => {
    const { ledger, publish } = setUp();
    await publish(moved('o1', 'processing'));
    expect(ledger.invoices).toEqual([]);
    await publish(moved('o1', 'paid'));
    await publish(moved('o2', 'paid'));
    await publish(moved('o1', 'paid')); // a replay changes nothing
    expect(ledger.invoices.map((i) => [i.orderId, i.number])).toEqual([
      ['o1', 'INV-000001'],
      ['o2', 'INV-000002'],
    ]);
    expect(ledger.counters.invoice).toBe(2);
  });

  it('issues a credit note per refund of an invoiced order, once, with its own counter', async () => {
    const { ledger, publish } = setUp();
    await publish(refunded('never-paid', 'r0', 100)); // captured after cancellation: no invoice, nothing to credit
    await publish(moved('o1', 'paid'));
    await publish(refunded('o1', 'r1', 1500));
    await publish(refunded('o1', 'r1', 1500));
    await publish(refunded('o1', 'r2', 3500));
    expect(ledger.notes.map((n) => [n.number, n.amount, n.refundId])).toEqual([
      ['CN-000001', 1500, 'r1'],
      ['CN-000002', 3500, 'r2'],
    ]);
    expect(ledger.counters).toEqual({ invoice: 1, credit_note: 2 });
  });
});
