import { DomainEvent } from '../../../shared/domain/domain-event';
import { OrderStatus } from './order-status';

export interface OrderPlacedPayload {
  orderId: string;
  orderNumber: number;
  userId: string | null;
  productLines: { productId: string; quantity: number }[];
  serviceLines: { serviceId: string; quantity: number }[];
  total: number;
  currency: string;
  /** Set when the order charges parts fitted on this visit: their stock left when they were recorded. */
  partsBookingId: string | null;
}

export class OrderPlaced extends DomainEvent<OrderPlacedPayload> {
  static readonly eventName = 'OrderPlaced';
  static readonly version = 1;
  readonly name = OrderPlaced.eventName;
}

export interface OrderStatusChangedPayload {
  orderId: string;
  userId: string | null;
  from: OrderStatus | null;
  to: OrderStatus;
  actorId: string | null;
  actorRole: string;
  note: string | null;
  /** Given by the admin when the order was marked shipped (to: shipped); null otherwise. */
  carrier: string | null;
  trackingNumber: string | null;
  productIds: string[];
  serviceOnly: boolean;
}

export class OrderStatusChanged extends DomainEvent<OrderStatusChangedPayload> {
  static readonly eventName = 'OrderStatusChanged';
  static readonly version = 1;
  readonly name = OrderStatusChanged.eventName;
}

export interface OrderItemsAddedPayload {
  orderId: string;
  productLines: { productId: string; quantity: number }[];
}

export class OrderItemsAdded extends DomainEvent<OrderItemsAddedPayload> {
  static readonly eventName = 'OrderItemsAdded';
  static readonly version = 1;
  readonly name = OrderItemsAdded.eventName;
}

export interface OrderCancelledPayload {
  orderId: string;
  userId: string | null;
  previousStatus: OrderStatus;
  actorId: string | null;
  /** Who cancelled: the visit's cancellation cutoff binds customers (and guests) only. */
  actorRole: 'customer' | 'technician' | 'admin' | 'system';
  reason: string | null;
}

export class OrderCancelled extends DomainEvent<OrderCancelledPayload> {
  static readonly eventName = 'OrderCancelled';
  static readonly version = 1;
  readonly name = OrderCancelled.eventName;
}
