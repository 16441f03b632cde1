import { Injectable } from '@nestjs/common';
import { ReviewRepository } from '../domain/catalog.ports';

/** Exported to orders: who has paid for which products, so their reviews show as verified. */
@Injectable()
export class VerifiedPurchases {
  constructor(private readonly reviews: ReviewRepository) {}

  record(userId: string, productIds: string[], orderId: string): Promise<void> {
    return this.reviews.recordPurchases(userId, productIds, orderId);
  }
}
