import { Actor } from '../../../shared/domain/actor';
import { Page, PageRequest } from '../../../shared/domain/page';
import { Product } from './product';
import { RatingSummary } from './rating';
import { RepairService } from './repair-service';
import { Review } from './review';
import { ManualReason, MovementReason, StockLevel, StockLine } from './stock';

/** undefined: unchanged; vatRatePercent null: back to the standard rate. */
export interface CategoryChanges {
  name?: string;
  vatRatePercent?: number | null;
}

export abstract class ProductRepository {
  abstract findById(id: string): Promise<Product | null>;
  abstract save(product: Product): Promise<void>;
  abstract categoryIdBySlug(slug: string): Promise<string | null>;
  /** False when the slug is taken. */
  abstract addCategory(id: string, slug: string, name: string, vatRatePercent: number | null): Promise<boolean>;
  /** Changes the given fields of the category; false when no category has the slug. */
  abstract updateCategory(slug: string, changes: CategoryChanges): Promise<boolean>;
  /** Locks the product's row, applies `change` to its rating summary and stores the result. */
  abstract updateRating(productId: string, change: (current: RatingSummary) => RatingSummary): Promise<void>;
}

export interface StockMovement {
  id: string;
  productId: string;
  onHandDelta: number;
  reservedDelta: number;
  reason: MovementReason;
  referenceId: string | null;
  note: string | null;
  actorId: string | null;
  createdAt: Date;
}

/**
 * Inventory and its ledger. Every change is a conditional update of the inventory row plus a
 * movement row, so stock can never go below zero even under parallel requests.
 */
export abstract class InventoryLedger {
  abstract level(productId: string): Promise<StockLevel | null>;
  abstract create(productId: string, initialStock: number, actorId: string | null): Promise<void>;
  abstract adjust(productId: string, delta: number, reason: ManualReason, note: string | null, actorId: string): Promise<StockLevel>;
  abstract movements(productId: string, page: PageRequest): Promise<Page<StockMovement>>;
  /** All lines or none: a shortfall on any line throws and the transaction rolls back. */
  abstract reserve(lines: StockLine[], referenceId: string, actorId: string | null): Promise<void>;
  /** Gives back what `referenceId` still holds. */
  abstract release(referenceId: string, actorId: string | null): Promise<void>;
  /**
   * Takes units out of stock for a repair visit (reason `used_on_visit`), never below what is
   * reserved for orders: a shortfall throws 409 and nothing is written.
   */
  abstract useOnVisit(line: StockLine, referenceId: string, actorId: string | null): Promise<StockLevel>;
  /** Puts back units a visit recorded by mistake (reason `used_on_visit`, positive delta). */
  abstract returnFromVisit(line: StockLine, referenceId: string, actorId: string | null): Promise<StockLevel>;
  /** Turns what `referenceId` holds into a sale: on hand and reserved both go down. */
  abstract commit(referenceId: string, actorId: string | null): Promise<void>;
}

export interface ServiceListQuery extends PageRequest {
  serviceType?: string;
  includeInactive: boolean;
}

export abstract class RepairServiceRepository {
  abstract findById(id: string): Promise<RepairService | null>;
  abstract save(service: RepairService): Promise<void>;
  abstract list(query: ServiceListQuery): Promise<Page<RepairService>>;
  abstract serviceTypeExists(slug: string): Promise<boolean>;
  abstract listServiceTypes(): Promise<{ slug: string; name: string }[]>;
}

export abstract class ReviewRepository {
  abstract findById(id: string): Promise<Review | null>;
  abstract exists(productId: string, userId: string): Promise<boolean>;
  abstract add(review: Review): Promise<void>;
  abstract remove(review: Review, actor: Actor): Promise<void>;
  abstract listForProduct(productId: string, page: PageRequest): Promise<Page<Review>>;
  abstract hasPurchased(userId: string, productId: string): Promise<boolean>;
  abstract recordPurchases(userId: string, productIds: string[], orderId: string): Promise<void>;
}
