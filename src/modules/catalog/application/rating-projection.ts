import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { ReviewDeleted, ReviewPosted } from '../domain/catalog.events';
import { ProductRepository } from '../domain/catalog.ports';
import { withoutReview, withReview } from '../domain/rating';

/** Keeps each product's rating average and count current from review events (not on every read). */
@Injectable()
export class RatingProjection implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly products: ProductRepository,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(ReviewPosted, (e) => this.products.updateRating(e.payload.productId, (s) => withReview(s, e.payload.rating)), { order: 10 });
    this.events.subscribe(ReviewDeleted, (e) => this.products.updateRating(e.payload.productId, (s) => withoutReview(s, e.payload.rating)), { order: 10 });
  }
}
