import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { allocateProRata, vatIncluded } from '../../../shared/domain/vat';
import { OrderDocumentCaller, OrderDocumentData, OrderDocuments } from '../../order/contracts/order-documents';
import { InvoicePdf, InvoicePdfs } from '../contracts/invoice-pdfs';
import { InvoiceLedger, IssuedCreditNote, IssuedInvoice } from '../domain/invoice-ledger.port';
import { DocumentModel, DocumentRenderer, formatDate, formatMoney } from './document-model';

/**
 * The PDFs of an order's invoice and credit notes, for whoever may read the order (owner, admin,
 * guest token holder: the order context decides). An order that was never paid has no invoice (409).
 */
@Injectable()
export class InvoiceDocuments extends InvoicePdfs {
  constructor(
    private readonly orders: OrderDocuments,
    private readonly ledger: InvoiceLedger,
    private readonly renderer: DocumentRenderer,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async invoice(orderId: string, caller: OrderDocumentCaller): Promise<InvoicePdf> {
    const order = await this.orders.readable(orderId, caller);
    const invoice = await this.ledger.invoiceOf(orderId);
    if (!invoice) {
      throw new ConflictError('invoice.not_issued', `Order ${order.orderNumber} has no invoice: one is issued when an order is paid (it is ${order.status})`, { orderStatus: order.status });
    }
    return { number: invoice.number, pdf: await this.renderer.render(this.invoiceModel(order, invoice)) };
  }

  /** `number`: one of the order's credit notes (default: the latest). */
  async creditNote(orderId: string, caller: OrderDocumentCaller, number?: string): Promise<InvoicePdf> {
    const order = await this.orders.readable(orderId, caller);
    const notes = await this.ledger.creditNotesOf(orderId);
    const note = number ? notes.find((n) => n.number === number) : notes.at(-1);
    const invoice = await this.ledger.invoiceOf(orderId);
    if (!note || !invoice) throw new NotFoundError('Credit note', number);
    return { number: note.number, pdf: await this.renderer.render(this.creditNoteModel(order, invoice, note)) };
  }

  async invoicePdf(orderId: string): Promise<InvoicePdf | null> {
    const order = await this.orders.of(orderId);
    const invoice = order && (await this.ledger.invoiceOf(orderId));
    return order && invoice ? { number: invoice.number, pdf: await this.renderer.render(this.invoiceModel(order, invoice)) } : null;
  }

  private invoiceModel(order: OrderDocumentData, invoice: IssuedInvoice): DocumentModel {
    const money = (pence: number) => formatMoney(pence, order.currency);
    const totals: DocumentModel['totals'] = [{ label: 'Subtotal', amount: order.subtotal }];
    if (order.discount) totals.push({ label: `Discount (${order.discount.code})`, amount: -order.discount.amount });
    if (order.shippingMethod) totals.push({ label: `Shipping (${order.shippingMethod}, VAT ${order.shippingVatRate}%)`, amount: order.shipping });
    totals.push({ label: 'Total', amount: order.total, strong: true }, { label: 'Total excluding VAT', amount: order.netTotal }, { label: 'Total VAT', amount: order.vatTotal });
    const notes = [
      `Payment: ${money(order.payment?.captured ?? order.total)} received${order.paidAt ? ` on ${formatDate(order.paidAt)}` : ''}.`,
      ...(order.payment?.refunded ? [`Refunded since: ${money(order.payment.refunded)} (see credit notes).`] : []),
      'Prices include VAT.',
    ];
    return {
      ...this.common(order),
      title: 'VAT invoice',
      number: invoice.number,
      issuedAt: invoice.issuedAt,
      references: [`Order number: ${order.orderNumber}`, `Tax point: ${formatDate(invoice.issuedAt)}`],
      lines: order.lines.map((l) => ({
        description: l.discount ? `${l.name} (discount ${money(l.discount)})` : l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        vatRate: l.vatRate,
        vatAmount: l.vatAmount,
        amount: l.lineTotal - l.discount,
      })),
      totals,
      vatByRate: order.vatByRate,
      notes,
    };
  }

  /** A full refund credits the invoice as it was; a partial one is spread over the invoice's VAT rates pro rata. */
  private creditNoteModel(order: OrderDocumentData, invoice: IssuedInvoice, note: IssuedCreditNote): DocumentModel {
    const full = note.amount === order.total;
    const shares = allocateProRata(
      note.amount,
      order.vatByRate.map((r) => r.gross),
    );
    const vatByRate = full ? order.vatByRate : order.vatByRate.map((r, i) => ({ rate: r.rate, gross: shares[i], vat: vatIncluded(shares[i], r.rate), net: shares[i] - vatIncluded(shares[i], r.rate) }));
    const vat = vatByRate.reduce((sum, r) => sum + r.vat, 0);
    return {
      ...this.common(order),
      title: 'Credit note',
      number: note.number,
      issuedAt: note.issuedAt,
      references: [`Credits invoice ${invoice.number} of ${formatDate(invoice.issuedAt)}`, `Order number: ${order.orderNumber}`],
      lines: vatByRate.map((r) => ({ description: `${full ? 'Full' : 'Partial'} refund of goods and services at ${r.rate}% VAT`, quantity: 1, unitPrice: r.gross, vatRate: r.rate, vatAmount: r.vat, amount: r.gross })),
      totals: [
        { label: 'Total credited', amount: note.amount, strong: true },
        { label: 'Total excluding VAT', amount: note.amount - vat },
        { label: 'Total VAT', amount: vat },
      ],
      vatByRate,
      notes: [`Refunded to the original payment method on ${formatDate(note.issuedAt)}.`, 'Amounts include VAT.'],
    };
  }

  private common(order: OrderDocumentData): Pick<DocumentModel, 'currency' | 'seller' | 'billTo'> {
    const a = order.shippingAddress;
    const billTo = a ? [a.name, a.line1, ...(a.line2 ? [a.line2] : []), `${a.city} ${a.postcode}`, a.country] : [];
    if (order.guestEmail) billTo.push(order.guestEmail);
    return { currency: order.currency, seller: { name: this.config.store.name, address: this.config.store.address, vatNumber: this.config.store.vatNumber }, billTo: billTo.length ? billTo : ['Account customer'] };
  }
}
