import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { EventBus } from '../../../shared/application/event-bus';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { Order } from '../domain/order';
import { HistoryEntry, OrderListQuery, OrderRepository } from '../domain/order.ports';
import { OrderItemOrmEntity, OrderOrmEntity, OrderStatusHistoryOrmEntity } from './order.orm-entity';

@Injectable()
export class TypeOrmOrderRepository extends OrderRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  async nextNumber(): Promise<number> {
    const [{ n }] = (await this.tx.manager.query(`SELECT nextval('order_number_seq')::int AS n`)) as { n: number }[];
    return n;
  }

  findById(id: string): Promise<Order | null> {
    return this.load(id, false);
  }

  findByIdForUpdate(id: string): Promise<Order | null> {
    return this.load(id, true);
  }

  async save(order: Order, accessTokenHash?: string): Promise<void> {
    const { lines, discount, ...row } = order.snapshot();
    const m = this.tx.manager;
    await m.upsert(
      OrderOrmEntity,
      { ...row, discount, discountAmount: discount?.amount ?? 0, ...(accessTokenHash ? { accessTokenHash } : {}) },
      ['id'],
    );
    await m.upsert(
      OrderItemOrmEntity,
      lines.map((l, position) => ({
        id: l.id,
        orderId: row.id,
        kind: l.kind,
        productId: l.kind === 'product' ? l.itemId : null,
        serviceId: l.kind === 'service' ? l.itemId : null,
        name: l.name,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        lineTotal: l.lineTotal,
        vatRate: l.vatRate,
        position,
      })),
      ['id'],
    );
    await this.events.publish(order.pullEvents());
  }

  async accessTokenHash(orderId: string): Promise<string | null> {
    const row = await this.tx.manager.findOne(OrderOrmEntity, { where: { id: orderId }, select: { id: true, accessTokenHash: true } });
    return row?.accessTokenHash ?? null;
  }

  async list(query: OrderListQuery): Promise<Page<Order>> {
    const [rows, total] = await this.tx.manager.findAndCount(OrderOrmEntity, {
      where: { ...(query.status ? { status: query.status } : {}), ...(query.userId ? { userId: query.userId } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    const items = rows.length ? await this.tx.manager.find(OrderItemOrmEntity, { where: { orderId: In(rows.map((r) => r.id)) }, order: { position: 'ASC' } }) : [];
    return pageOf(
      rows.map((r) => toOrder(r, items.filter((i) => i.orderId === r.id))),
      total,
      query,
    );
  }

  async appendHistory(entry: HistoryEntry): Promise<void> {
    await this.tx.manager.insert(OrderStatusHistoryOrmEntity, entry);
  }

  async history(orderId: string): Promise<HistoryEntry[]> {
    return this.tx.manager.find(OrderStatusHistoryOrmEntity, { where: { orderId }, order: { seq: 'ASC' } });
  }

  async lockStalePending(before: Date, limit: number, guestsBefore: Date = before): Promise<string[]> {
    const rows = (await this.tx.manager.query(
      `SELECT id FROM orders WHERE status = 'pending' AND parts_booking_id IS NULL AND (created_at < $1 OR (user_id IS NULL AND created_at < $3))
        ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit, guestsBefore],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async setPaymentHold(orderId: string, held: boolean): Promise<void> {
    await this.tx.manager.query(`UPDATE orders SET payment_hold = $2 WHERE id = $1`, [orderId, held]);
  }

  async paymentHeld(orderId: string): Promise<boolean> {
    const [row] = (await this.tx.manager.query(`SELECT payment_hold FROM orders WHERE id = $1`, [orderId])) as { payment_hold: boolean }[];
    return row?.payment_hold ?? false;
  }

  private async load(id: string, lock: boolean): Promise<Order | null> {
    const m = this.tx.manager;
    const row = await m.findOne(OrderOrmEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) return null;
    const items = await m.find(OrderItemOrmEntity, { where: { orderId: id }, order: { position: 'ASC' } });
    return toOrder(row, items);
  }
}

function toOrder(row: OrderOrmEntity, items: OrderItemOrmEntity[]): Order {
  return Order.restore({
    id: row.id,
    number: row.number,
    userId: row.userId,
    guestEmail: row.guestEmail,
    status: row.status,
    currency: row.currency,
    subtotal: row.subtotal,
    discount: row.discount,
    shippingMethod: row.shippingMethod,
    shipping: row.shipping,
    shippingVatRate: row.shippingVatRate,
    total: row.total,
    shippingAddress: row.shippingAddress,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    partsBookingId: row.partsBookingId,
    originalOrderId: row.originalOrderId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lines: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      itemId: (i.productId ?? i.serviceId) as string,
      name: i.name,
      unitPrice: i.unitPrice,
      quantity: i.quantity,
      lineTotal: i.lineTotal,
      vatRate: i.vatRate,
    })),
  });
}
