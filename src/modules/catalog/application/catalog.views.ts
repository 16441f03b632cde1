import { Page, PageRequest } from '../../../shared/domain/page';

export const PRODUCT_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating_desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const PRODUCT_STATUSES = ['active', 'inactive', 'all'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface ProductSearchCriteria extends PageRequest {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: ProductSort;
  status: ProductStatus;
}

export interface ProductView {
  id: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  category: { slug: string; name: string };
  imageUrl: string | null;
  isActive: boolean;
  availability: { available: number; inStock: boolean };
  rating: { average: number; count: number };
  /** Who sells it; null for the house's own products. */
  seller: { id: string; name: string } | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A page of products. `totalIsExact` is false when a search matched more than the exact-count
 * limit and `total` is an estimate (see README, "Search").
 */
export interface ProductPage extends Page<ProductView> {
  totalIsExact: boolean;
}

/** A seller's own product, with its whole stock level (the public view shows only what is available). */
export interface SellerProductView extends ProductView {
  stock: { onHand: number; reserved: number; available: number };
}

export interface SellerProductQuery extends PageRequest {
  status: ProductStatus;
}

export interface CategoryView {
  slug: string;
  name: string;
  productCount: number;
  /** The category's own VAT rate; null: the standard rate (VAT_RATE_PERCENT). */
  vatRatePercent: number | null;
}

/** The read side of the catalog, answered by one SQL query each. */
export abstract class ProductCatalog {
  abstract search(criteria: ProductSearchCriteria): Promise<ProductPage>;
  abstract findView(id: string): Promise<ProductView | null>;
  abstract categories(): Promise<CategoryView[]>;
  /** The products `ownerId` sells, newest first. */
  abstract ownedBy(ownerId: string, query: SellerProductQuery): Promise<Page<SellerProductView>>;
}
