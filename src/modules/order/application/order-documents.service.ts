import { Injectable } from '@nestjs/common';
import { OrderDocumentCaller, OrderDocumentData, OrderDocuments } from '../contracts/order-documents';
import { Order } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';
import { OrderPaymentFacts } from '../domain/payment-state';
import { OrderAccess } from './order-access';

/** Orders as invoices and credit notes print them: the VAT of every line, by the rates snapshotted on the order. */
@Injectable()
export class OrderDocumentsService extends OrderDocuments {
  constructor(
    private readonly access: OrderAccess,
    private readonly orders: OrderRepository,
    private readonly payments: OrderPaymentFacts,
  ) {
    super();
  }

  async readable(orderId: string, caller: OrderDocumentCaller): Promise<OrderDocumentData> {
    return this.toData(await this.access.readable(orderId, caller));
  }

  async of(orderId: string): Promise<OrderDocumentData | null> {
    const order = await this.orders.findById(orderId);
    return order ? this.toData(order) : null;
  }

  private async toData(order: Order): Promise<OrderDocumentData> {
    const s = order.snapshot();
    const vat = order.vat();
    const facts = (await this.payments.of([s.id])).get(s.id);
    return {
      orderId: s.id,
      orderNumber: s.number,
      status: s.status,
      currency: s.currency,
      placedAt: s.createdAt,
      paidAt: facts?.paidAt ?? null,
      guestEmail: s.guestEmail,
      shippingAddress: s.shippingAddress,
      lines: s.lines.map((l, i) => ({ name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal, discount: vat.lines[i].discount, vatRate: l.vatRate, vatAmount: vat.lines[i].vatAmount })),
      subtotal: s.subtotal,
      discount: s.discount ? { code: s.discount.code, amount: s.discount.amount } : null,
      shippingMethod: s.shippingMethod?.name ?? null,
      shipping: s.shipping,
      shippingVatRate: s.shippingVatRate,
      shippingVat: vat.shippingVat,
      total: s.total,
      vatTotal: vat.vatTotal,
      netTotal: vat.netTotal,
      vatByRate: vat.byRate,
      payment: facts?.captured ? { captured: facts.captured.amount, refunded: facts.captured.refunded } : null,
    };
  }
}
