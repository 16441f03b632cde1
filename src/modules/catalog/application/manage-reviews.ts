import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/domain/domain-error';
import { Page, PageRequest } from '../../../shared/domain/page';
import { ReviewRepository } from '../domain/catalog.ports';
import { Review } from '../domain/review';
import { ProductCatalog, ProductView } from './catalog.views';

export interface ReviewView {
  id: string;
  productId: string;
  userId: string;
  rating: number;
  comment: string;
  verified: boolean;
  createdAt: string;
}

const toView = (review: Review): ReviewView => {
  const s = review.snapshot();
  return { ...s, createdAt: s.createdAt.toISOString() };
};

/** Reviews (seed 004): one per user per product; verified when the author bought the product. */
@Injectable()
export class ManageReviews {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly catalog: ProductCatalog,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(productId: string, page: PageRequest): Promise<Page<ReviewView>> {
    await this.requireActiveProduct(productId);
    const result = await this.reviews.listForProduct(productId, page);
    return { ...result, items: result.items.map(toView) };
  }

  async post(actor: Actor, productId: string, input: { rating: number; comment?: string }): Promise<ReviewView> {
    const product = await this.requireActiveProduct(productId);
    if (product.seller?.id === actor.userId) throw new ForbiddenError('Sellers cannot review their own products');
    return this.unitOfWork.run(async () => {
      if (await this.reviews.exists(productId, actor.userId)) {
        throw new ConflictError('review.already_posted', 'You have already reviewed this product');
      }
      const review = Review.post({
        productId,
        userId: actor.userId,
        rating: input.rating,
        comment: input.comment ?? '',
        verified: await this.reviews.hasPurchased(actor.userId, productId),
      });
      await this.reviews.add(review);
      return toView(review);
    });
  }

  async delete(actor: Actor, reviewId: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      const review = await this.reviews.findById(reviewId);
      if (!review) throw new NotFoundError('Review', reviewId);
      review.delete(actor);
      await this.reviews.remove(review, actor);
    });
  }

  private async requireActiveProduct(productId: string): Promise<ProductView> {
    const product = await this.catalog.findView(productId);
    if (!product?.isActive) throw new NotFoundError('Product', productId);
    return product;
  }
}
