import { randomUUID } from 'node:crypto';
import { AggregateRoot } from '../../../shared/domain/aggregate-root';
import { ConflictError, ForbiddenError, UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { DiscountScope, DiscountType, priceLines } from '../../../shared/domain/pricing';
import { ShippingRate, shippingCharge } from '../../../shared/domain/shipping-charge';
import { VatBreakdown, vatBreakdown } from '../../../shared/domain/vat';
import { OrderCancelled, OrderItemsAdded, OrderPlaced, OrderStatusChanged } from './order.events';
import { allowedTransitions, OrderStatus } from './order-status';

export interface OrderLine {
  id: string;
  kind: 'product' | 'service';
  itemId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** VAT rate in percent, snapshotted when the line was ordered. */
  vatRate: number;
}

/** The shipping method as chosen at checkout (later edits of the method do not change the order). */
export interface OrderShippingMethod extends ShippingRate {
  code: string;
  name: string;
}

/** Given when an admin marks the order shipped. */
export interface Shipment {
  carrier: string | null;
  trackingNumber: string | null;
}

export interface OrderDiscount {
  code: string;
  type: DiscountType;
  value: number;
  appliesTo: DiscountScope;
  amount: number;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
  country: string;
}

export interface OrderProps {
  id: string;
  number: number;
  userId: string | null;
  guestEmail: string | null;
  status: OrderStatus;
  currency: string;
  lines: OrderLine[];
  subtotal: number;
  discount: OrderDiscount | null;
  shippingMethod: OrderShippingMethod | null;
  /** What shipping costs this order (0 once the subtotal reaches the method's free-over threshold). */
  shipping: number;
  /** The standard VAT rate at placing, which shipping is taxed at. */
  shippingVatRate: number;
  total: number;
  shippingAddress: ShippingAddress | null;
  carrier: string | null;
  trackingNumber: string | null;
  /** Set on an order that charges the parts used on a repair visit: that visit... */
  partsBookingId: string | null;
  /** ...and the order the visit was booked with. */
  originalOrderId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What links an order for parts used on a visit to that visit and its original order. */
export interface VisitPartsLink {
  bookingId: string;
  originalOrderId: string;
}

/** Who changes an order, as written into its history. */
export interface OrderActor {
  id: string | null;
  role: 'customer' | 'technician' | 'admin' | 'system';
}

export type NewOrderLine = Omit<OrderLine, 'id' | 'lineTotal'>;

const SYSTEM: OrderActor = { id: null, role: 'system' };

/** The most units one order line holds (also CHECKed by order_items). */
export const MAX_LINE_QUANTITY = 99;

export class Order extends AggregateRoot {
  private constructor(private props: OrderProps) {
    super();
  }

  /** Snapshots the lines and totals; the caller's transaction reserves stock on OrderPlaced. */
  static place(input: {
    number: number;
    userId: string | null;
    guestEmail: string | null;
    currency: string;
    lines: NewOrderLine[];
    discount: Omit<OrderDiscount, 'amount'> | null;
    shippingAddress: ShippingAddress | null;
    /** Required when the order has products to ship; refused otherwise. */
    shippingMethod: OrderShippingMethod | null;
    shippingVatRate: number;
    actor: OrderActor;
    /** Parts already fitted on a repair visit: nothing to ship, and their stock has already left. */
    visitParts?: VisitPartsLink;
  }): Order {
    if (input.lines.length === 0) throw new UnprocessableError('order.empty', 'An order needs at least one item');
    const hasProducts = input.lines.some((l) => l.kind === 'product');
    const ships = hasProducts && !input.visitParts;
    if (ships && !input.shippingAddress) {
      throw new UnprocessableError('order.shipping_address_required', 'A shipping address is required for products');
    }
    if (ships && !input.shippingMethod) throw new ValidationError('shippingMethod', 'is required when the order has products', 'order.shipping_method_required');
    if (!ships && input.shippingMethod) throw new ValidationError('shippingMethod', 'is only for orders with products to ship', 'order.shipping_method_not_applicable');
    const now = new Date();
    const order = new Order({
      id: randomUUID(),
      number: input.number,
      userId: input.userId,
      guestEmail: input.guestEmail,
      status: 'pending',
      currency: input.currency,
      lines: [],
      subtotal: 0,
      discount: input.discount ? { ...input.discount, amount: 0 } : null,
      shippingMethod: input.shippingMethod,
      shipping: 0,
      shippingVatRate: input.shippingVatRate,
      total: 0,
      shippingAddress: hasProducts ? input.shippingAddress : null,
      carrier: null,
      trackingNumber: null,
      partsBookingId: input.visitParts?.bookingId ?? null,
      originalOrderId: input.visitParts?.originalOrderId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    order.props.lines = input.lines.map((l) => ({ ...l, id: randomUUID(), lineTotal: l.unitPrice * l.quantity }));
    order.reprice();
    order.record(
      new OrderPlaced(order.id, {
        orderId: order.id,
        orderNumber: order.props.number,
        userId: order.props.userId,
        productLines: order.linesOf('product').map((l) => ({ productId: l.itemId, quantity: l.quantity })),
        serviceLines: order.linesOf('service').map((l) => ({ serviceId: l.itemId, quantity: l.quantity })),
        total: order.props.total,
        currency: order.props.currency,
        partsBookingId: order.props.partsBookingId,
      }),
    );
    order.recordTransition(null, 'pending', input.actor, null);
    // Nothing to pay (a 100% code, free items): no payment can be opened for 0, so it is paid now.
    if (order.props.total === 0) order.transition('paid', SYSTEM, 'nothing to pay');
    return order;
  }

  static restore(props: OrderProps): Order {
    return new Order({ ...props, lines: props.lines.map((l) => ({ ...l })) });
  }

  get id(): string {
    return this.props.id;
  }
  get status(): OrderStatus {
    return this.props.status;
  }
  get userId(): string | null {
    return this.props.userId;
  }
  get total(): number {
    return this.props.total;
  }
  get serviceOnly(): boolean {
    return this.props.lines.every((l) => l.kind === 'service');
  }

  /** Nothing ships: repair services, or parts already fitted on a visit. */
  get fulfilledOnVisit(): boolean {
    return this.serviceOnly || this.props.partsBookingId !== null;
  }

  /** VAT of every line (after its share of the discount) and of shipping, by the rates snapshotted on the order. */
  vat(): VatBreakdown {
    const d = this.props.discount;
    return vatBreakdown({
      lines: this.props.lines,
      discount: d?.amount ?? 0,
      appliesTo: d?.appliesTo ?? null,
      shipping: this.props.shipping,
      shippingVatRate: this.props.shippingVatRate,
    });
  }

  snapshot(): Readonly<OrderProps> {
    return { ...this.props, lines: this.props.lines.map((l) => ({ ...l })) };
  }

  linesOf(kind: 'product' | 'service'): OrderLine[] {
    return this.props.lines.filter((l) => l.kind === kind);
  }

  allowedTransitions(): OrderStatus[] {
    return allowedTransitions(this.props.status, this.fulfilledOnVisit);
  }

  /** Adds products while the order is pending (seed 003); totals are recomputed the same way. */
  addLines(lines: NewOrderLine[]): void {
    if (this.props.status !== 'pending') {
      throw new ConflictError('order.not_pending', `Items can only be added while the order is pending (it is ${this.props.status})`);
    }
    if (lines.some((l) => l.kind !== 'product')) {
      throw new UnprocessableError('order.services_need_visit', 'Repair services can only be booked at checkout with a visit');
    }
    if (!this.props.shippingMethod && !this.props.partsBookingId) {
      throw new UnprocessableError('order.shipping_method_required', 'This order ships nothing (no shipping method was chosen): place a new order for products');
    }
    const sameLine = (a: NewOrderLine) => (b: NewOrderLine) => a.kind === b.kind && a.itemId === b.itemId && a.unitPrice === b.unitPrice;
    for (const line of lines) {
      // Checked before anything changes: added units merge into an existing line, which may not outgrow the limit.
      const quantity = [...this.props.lines, ...lines].filter(sameLine(line)).reduce((n, l) => n + l.quantity, 0);
      if (quantity > MAX_LINE_QUANTITY) {
        throw new ConflictError('order.quantity_limit', `An order line holds at most ${MAX_LINE_QUANTITY}; ${line.name} would hold ${quantity}`, {
          maxQuantity: MAX_LINE_QUANTITY,
          itemId: line.itemId,
          quantity,
        });
      }
    }
    for (const line of lines) {
      const existing = this.props.lines.find(sameLine(line));
      if (existing) {
        existing.quantity += line.quantity;
        existing.lineTotal = existing.unitPrice * existing.quantity;
      } else {
        this.props.lines.push({ ...line, id: randomUUID(), lineTotal: line.unitPrice * line.quantity });
      }
    }
    this.reprice();
    this.record(new OrderItemsAdded(this.id, { orderId: this.id, productLines: lines.map((l) => ({ productId: l.itemId, quantity: l.quantity })) }));
  }

  /** Admin-driven progress; payment and cancellation have their own methods. A shipment's carrier and tracking number come with `shipped` only. */
  changeStatus(to: OrderStatus, actor: OrderActor, note: string | null, shipment?: Partial<Shipment>): void {
    if (to === 'paid' || to === 'refunded') {
      throw new UnprocessableError('order.status_set_by_payments', `An order becomes ${to} through its payment, not by hand`);
    }
    const given = shipment && (shipment.carrier != null || shipment.trackingNumber != null);
    if (given && to !== 'shipped') throw new ValidationError(shipment.carrier != null ? 'carrier' : 'trackingNumber', 'can only be given when marking an order shipped');
    if (to === 'cancelled') return this.cancel(actor, note);
    this.transition(to, actor, note, to === 'shipped' ? { carrier: shipment?.carrier ?? null, trackingNumber: shipment?.trackingNumber ?? null } : undefined);
  }

  markPaid(actor: OrderActor): void {
    this.transition('paid', actor, 'payment captured');
  }

  markRefunded(actor: OrderActor, note: string | null): void {
    this.transition('refunded', actor, note);
  }

  /** Owners may cancel while pending or paid; admins too; the system cancels unpaid orders. */
  cancel(actor: OrderActor, reason: string | null): void {
    if (actor.role === 'technician') throw new ForbiddenError('Technicians cannot cancel orders');
    if (this.props.partsBookingId && actor.role === 'customer') {
      throw new ConflictError('order.parts_not_cancellable', 'Parts fitted on a repair visit are paid for; ask the shop if something is wrong');
    }
    const from = this.props.status;
    this.transition('cancelled', actor, reason);
    this.record(new OrderCancelled(this.id, { orderId: this.id, userId: this.props.userId, previousStatus: from, actorId: actor.id, actorRole: actor.role, reason }));
  }

  private transition(to: OrderStatus, actor: OrderActor, note: string | null, shipment?: Shipment): void {
    const from = this.props.status;
    const allowed = this.allowedTransitions();
    if (!allowed.includes(to)) {
      throw new ConflictError(
        'order.invalid_transition',
        `An order cannot go from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
        { from, to, allowed },
      );
    }
    this.props.status = to;
    this.props.updatedAt = new Date();
    if (shipment) {
      this.props.carrier = shipment.carrier;
      this.props.trackingNumber = shipment.trackingNumber;
    }
    this.recordTransition(from, to, actor, note, shipment);
  }

  private recordTransition(from: OrderStatus | null, to: OrderStatus, actor: OrderActor, note: string | null, shipment?: Shipment): void {
    this.record(
      new OrderStatusChanged(this.id, {
        orderId: this.id,
        userId: this.props.userId,
        from,
        to,
        actorId: actor.id,
        actorRole: actor.role,
        note,
        carrier: shipment?.carrier ?? null,
        trackingNumber: shipment?.trackingNumber ?? null,
        productIds: this.linesOf('product').map((l) => l.itemId),
        serviceOnly: this.serviceOnly,
      }),
    );
  }

  private reprice(): void {
    const d = this.props.discount;
    const priced = priceLines(this.props.lines, d ? { type: d.type, value: d.value, appliesTo: d.appliesTo } : null);
    this.props.subtotal = priced.subtotal;
    this.props.shipping = this.props.shippingMethod ? shippingCharge(this.props.shippingMethod, priced.subtotal) : 0;
    this.props.total = priced.total + this.props.shipping;
    if (d) d.amount = priced.discount;
    this.props.updatedAt = new Date();
  }
}
