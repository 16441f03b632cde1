import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { CatalogItems, itemKey } from '../../catalog/application/catalog-items';
import { StockReservations } from '../../catalog/application/stock-reservations';
import { OrderActor, VisitPartsOrders } from '../../order/contracts/visit-parts-orders';
import { Booking } from '../domain/booking';
import { BookingRepository, VisitPart, VisitPartRepository } from '../domain/booking.ports';
import { VisitLocks } from './visit-locks';

export const MAX_PART_QUANTITY = 99;
export const visitStockReference = (bookingId: string): string => `visit:${bookingId}`;

export interface VisitPartView {
  id: string;
  productId: string;
  name: string;
  quantity: number;
  recordedBy: string | null;
  createdAt: string;
}

/** One line per product, as the order shows it. */
function totalsByProduct(parts: VisitPart[]): { productId: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const p of parts) totals.set(p.productId, (totals.get(p.productId) ?? 0) + p.quantity);
  return [...totals].map(([productId, quantity]) => ({ productId, quantity }));
}

const toView = (p: VisitPart): VisitPartView => ({
  id: p.id,
  productId: p.productId,
  name: p.name,
  quantity: p.quantity,
  recordedBy: p.recordedBy,
  createdAt: p.createdAt.toISOString(),
});

/**
 * Parts fitted on a visit. Recording one takes it out of stock at once (ledger reason
 * `used_on_visit`, a conditional update that never goes below zero, so of two visits racing for
 * the last unit exactly one gets it); removing a mistaken entry puts it back. On completion the
 * parts become the customer's follow-up order.
 */
@Injectable()
export class VisitParts {
  constructor(
    private readonly parts: VisitPartRepository,
    private readonly bookings: BookingRepository,
    private readonly locks: VisitLocks,
    private readonly catalog: CatalogItems,
    private readonly stock: StockReservations,
    private readonly followUps: VisitPartsOrders,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(actor: Actor, bookingId: string): Promise<VisitPartView[]> {
    const booking = await this.bookings.findById(bookingId);
    if (!booking) throw new NotFoundError('Booking', bookingId);
    booking.assertVisibleTo(actor);
    return (await this.parts.list(bookingId)).map(toView);
  }

  record(actor: Actor, bookingId: string, input: { productId: string; quantity: number }): Promise<VisitPartView> {
    return this.unitOfWork.run(async () => {
      const booking = await this.locks.load(actor, bookingId);
      booking.assertPartsEditable(actor);
      const product = (await this.catalog.find([{ kind: 'product', id: input.productId }])).get(itemKey({ kind: 'product', id: input.productId }));
      if (!product) throw new NotFoundError('Product', input.productId);
      const already = (await this.parts.list(bookingId)).filter((p) => p.productId === product.id).reduce((n, p) => n + p.quantity, 0);
      if (already + input.quantity > MAX_PART_QUANTITY) {
        throw new ConflictError('booking.parts_limit', `A visit uses at most ${MAX_PART_QUANTITY} of one product`, { maxQuantity: MAX_PART_QUANTITY });
      }
      await this.stock.useOnVisit({ productId: product.id, quantity: input.quantity }, visitStockReference(bookingId), actor.userId);
      const part: VisitPart = {
        id: randomUUID(),
        bookingId,
        productId: product.id,
        name: product.name,
        quantity: input.quantity,
        recordedBy: actor.userId,
        createdAt: new Date(),
      };
      await this.parts.add(part);
      return toView(part);
    });
  }

  remove(actor: Actor, bookingId: string, partId: string): Promise<void> {
    return this.unitOfWork.run(async () => {
      const booking = await this.locks.load(actor, bookingId);
      booking.assertPartsEditable(actor);
      const part = await this.parts.remove(bookingId, partId);
      if (!part) throw new NotFoundError('Visit part', partId);
      await this.stock.returnFromVisit({ productId: part.productId, quantity: part.quantity }, visitStockReference(bookingId), actor.userId);
    });
  }

  /** On completion, inside its transaction: the parts used become a pending order; none, no order. */
  async bill(booking: Booking, actor: OrderActor): Promise<void> {
    const parts = await this.parts.list(booking.id);
    if (!parts.length) return;
    const { orderId } = await this.followUps.place({
      bookingId: booking.id,
      originalOrderId: booking.orderId,
      parts: totalsByProduct(parts),
      actor,
    });
    booking.attachFollowUpOrder(orderId);
  }
}
