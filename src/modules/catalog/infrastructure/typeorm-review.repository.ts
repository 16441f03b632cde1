import { Injectable } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError } from '../../../shared/domain/domain-error';
import { offsetOf, Page, PageRequest, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { ReviewRepository } from '../domain/catalog.ports';
import { Review } from '../domain/review';
import { ReviewOrmEntity, VerifiedPurchaseOrmEntity } from './catalog.orm-entity';

@Injectable()
export class TypeOrmReviewRepository extends ReviewRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  async findById(id: string): Promise<Review | null> {
    const row = await this.tx.manager.findOneBy(ReviewOrmEntity, { id });
    return row ? Review.restore(row) : null;
  }

  exists(productId: string, userId: string): Promise<boolean> {
    return this.tx.manager.existsBy(ReviewOrmEntity, { productId, userId });
  }

  async add(review: Review): Promise<void> {
    // The unique constraint is the real guard when two posts race.
    const inserted = (await this.tx.manager.query(
      `INSERT INTO reviews (id, product_id, user_id, rating, comment, verified, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (product_id, user_id) DO NOTHING RETURNING id`,
      Object.values(pick(review)),
    )) as unknown[];
    if (inserted.length === 0) throw new ConflictError('review.already_posted', 'You have already reviewed this product');
    await this.events.publish(review.pullEvents());
  }

  async remove(review: Review, _actor: Actor): Promise<void> {
    await this.tx.manager.delete(ReviewOrmEntity, { id: review.id });
    await this.events.publish(review.pullEvents());
  }

  async listForProduct(productId: string, page: PageRequest): Promise<Page<Review>> {
    const [rows, total] = await this.tx.manager.findAndCount(ReviewOrmEntity, {
      where: { productId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(page),
      take: page.limit,
    });
    return pageOf(rows.map((r) => Review.restore(r)), total, page);
  }

  hasPurchased(userId: string, productId: string): Promise<boolean> {
    return this.tx.manager.existsBy(VerifiedPurchaseOrmEntity, { userId, productId });
  }

  async recordPurchases(userId: string, productIds: string[], orderId: string): Promise<void> {
    if (productIds.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO verified_purchases (user_id, product_id, first_order_id)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [userId, productIds, orderId],
    );
    await this.tx.manager.query(`UPDATE reviews SET verified = true WHERE user_id = $1 AND product_id = ANY($2::uuid[]) AND NOT verified`, [
      userId,
      productIds,
    ]);
  }
}

function pick(review: Review) {
  const s = review.snapshot();
  return { id: s.id, productId: s.productId, userId: s.userId, rating: s.rating, comment: s.comment, verified: s.verified, createdAt: s.createdAt };
}
