import { Page, PageRequest } from '../../../shared/domain/page';
import { Cart, CartStatus } from './cart';
import { Discount } from './discount';

export type CartOwner = { userId: string } | { tokenHash: string };

export interface CartListQuery extends PageRequest {
  status?: CartStatus;
  userId?: string;
}

export interface CartSummary {
  id: string;
  userId: string | null;
  status: CartStatus;
  itemCount: number;
  discountCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export abstract class CartRepository {
  /** The owner's active cart, row-locked until the transaction ends (writers serialize on it). */
  abstract findActiveForUpdate(owner: CartOwner): Promise<Cart | null>;
  /** Creates the user's active cart unless another request just did; then returns it locked. */
  abstract getOrCreateForUser(userId: string): Promise<Cart>;
  abstract save(cart: Cart): Promise<void>;
  /**
   * Saves a cart read without a lock (CartWithItemsReader), in one atomic statement and only if nobody
   * wrote it since; false (nothing written) when somebody did: read it again and retry.
   */
  abstract saveIfUnchanged(cart: Cart): Promise<boolean>;
  abstract list(query: CartListQuery): Promise<Page<CartSummary>>;
  /** Expires anonymous carts untouched since `before`; returns how many. */
  abstract expireAnonymous(before: Date, batch: number): Promise<number>;
}

export interface DiscountListQuery extends PageRequest {
  isActive?: boolean;
}

export abstract class DiscountRepository {
  abstract findByCode(code: string): Promise<Discount | null>;
  abstract findById(id: string): Promise<Discount | null>;
  /** False when the code is already taken (whatever its case). */
  abstract insert(discount: Discount): Promise<boolean>;
  abstract update(discount: Discount): Promise<void>;
  abstract list(query: DiscountListQuery): Promise<Page<Discount>>;
  abstract usesByCustomer(discountId: string, customerKey: string): Promise<number>;
  /**
   * Counts one use atomically: a conditional increment (never past maxUses) and, under that row
   * lock, the per-customer limit. Returns the refusal when the code cannot be used.
   */
  abstract redeem(discountId: string, customerKey: string, orderId: string): Promise<'ok' | 'used_up' | 'already_used'>;
  /** Gives a use back (the order was cancelled). */
  abstract unredeem(orderId: string): Promise<void>;
}
