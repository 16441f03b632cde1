import { randomUUID } from 'node:crypto';
import { AggregateRoot } from '../../../shared/domain/aggregate-root';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { ReviewDeleted, ReviewPosted } from './catalog.events';

export const REVIEW_COMMENT_MAX = 2000;

export interface ReviewProps {
  id: string;
  productId: string;
  userId: string;
  rating: number;
  comment: string;
  verified: boolean;
  createdAt: Date;
}

export class Review extends AggregateRoot {
  private constructor(private readonly props: ReviewProps) {
    super();
  }

  static post(input: { productId: string; userId: string; rating: number; comment: string; verified: boolean }): Review {
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
      throw new ValidationError('rating', 'must be a whole number from 1 to 5');
    }
    if (input.comment.length > REVIEW_COMMENT_MAX) {
      throw new ValidationError('comment', `must be at most ${REVIEW_COMMENT_MAX} characters`);
    }
    const review = new Review({ ...input, id: randomUUID(), createdAt: new Date() });
    review.record(new ReviewPosted(review.id, review.eventPayload()));
    return review;
  }

  static restore(props: ReviewProps): Review {
    return new Review({ ...props });
  }

  get id(): string {
    return this.props.id;
  }

  snapshot(): Readonly<ReviewProps> {
    return { ...this.props };
  }

  /** Only the author or an admin may delete; to anyone else the review does not exist. */
  delete(actor: Actor): void {
    if (actor.role !== 'admin' && actor.userId !== this.props.userId) throw new NotFoundError('Review', this.id);
    this.record(new ReviewDeleted(this.id, this.eventPayload()));
  }

  private eventPayload() {
    return { reviewId: this.props.id, productId: this.props.productId, userId: this.props.userId, rating: this.props.rating };
  }
}
