import { Injectable } from '@nestjs/common';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import type { ShippingAddress } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import { LineSeller, SellerOrder, SellerOrderLines, SellerOrderQuery } from '../domain/seller-order-lines.port';

interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  currency: string;
  shipping_address: ShippingAddress | null;
  created_at: Date;
}

interface LineRow {
  id: string;
  order_id: string;
  product_id: string;
  name: string;
  unit_price: number;
  quantity: number;
  line_total: string;
}

@Injectable()
export class SqlSellerOrderLines extends SellerOrderLines {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async recordSellers(orderId: string, sellers: LineSeller[]): Promise<void> {
    if (!sellers.length) return;
    await this.tx.manager.query(
      `UPDATE order_items oi SET seller_id = s.seller_id
         FROM unnest($2::uuid[], $3::uuid[]) AS s(product_id, seller_id)
        WHERE oi.order_id = $1 AND oi.product_id = s.product_id AND oi.seller_id IS NULL`,
      [orderId, sellers.map((s) => s.productId), sellers.map((s) => s.sellerId)],
    );
  }

  async listForSeller(sellerId: string, query: SellerOrderQuery): Promise<Page<SellerOrder>> {
    const m = this.tx.manager;
    const values: unknown[] = [sellerId];
    const status = query.status ? `AND o.status = $${values.push(query.status)}` : '';
    const where = `WHERE o.id IN (SELECT order_id FROM order_items WHERE seller_id = $1) ${status}`;
    const [orders, [{ total }]] = (await Promise.all([
      m.query(
        `SELECT o.id, o.number, o.status, o.currency, o.shipping_address, o.created_at FROM orders o ${where}
          ORDER BY o.created_at DESC, o.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, query.limit, offsetOf(query)],
      ),
      m.query(`SELECT count(*)::int AS total FROM orders o ${where}`, values),
    ])) as [OrderRow[], { total: number }[]];
    const lines = orders.length
      ? ((await m.query(
          `SELECT id, order_id, product_id, name, unit_price, quantity, line_total FROM order_items
            WHERE order_id = ANY($2::uuid[]) AND seller_id = $1 ORDER BY order_id, position`,
          [sellerId, orders.map((o) => o.id)],
        )) as LineRow[])
      : [];
    const items = orders.map(
      (o): SellerOrder => ({
        id: o.id,
        number: Number(o.number),
        status: o.status,
        currency: o.currency,
        shippingAddress: o.shipping_address,
        createdAt: o.created_at,
        lines: lines
          .filter((l) => l.order_id === o.id)
          .map((l) => ({ id: l.id, productId: l.product_id, name: l.name, unitPrice: l.unit_price, quantity: l.quantity, lineTotal: Number(l.line_total) })),
      }),
    );
    return pageOf(items, total, query);
  }
}
