import { DomainEvent } from '../../../shared/domain/domain-event';

export interface ReviewPayload {
  reviewId: string;
  productId: string;
  userId: string;
  rating: number;
}

export class ReviewPosted extends DomainEvent<ReviewPayload> {
  static readonly eventName = 'ReviewPosted';
  static readonly version = 1;
  readonly name = ReviewPosted.eventName;
}

export class ReviewDeleted extends DomainEvent<ReviewPayload> {
  static readonly eventName = 'ReviewDeleted';
  static readonly version = 1;
  readonly name = ReviewDeleted.eventName;
}

export interface StockAdjustedPayload {
  productId: string;
  onHandDelta: number;
  reservedDelta: number;
  reason: string;
  referenceId: string | null;
  onHand: number;
  reserved: number;
}

export class StockAdjusted extends DomainEvent<StockAdjustedPayload> {
  static readonly eventName = 'StockAdjusted';
  static readonly version = 1;
  readonly name = StockAdjusted.eventName;
}
