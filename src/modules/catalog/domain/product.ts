import { randomUUID } from 'node:crypto';
import { AggregateRoot } from '../../../shared/domain/aggregate-root';
import { Actor, isAdmin } from '../../../shared/domain/actor';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';

export const PRODUCT_MAX_PRICE = 100_000_000; // £1,000,000.00 in pence

export interface ProductProps {
  id: string;
  name: string;
  description: string;
  price: number;
  categoryId: string;
  imageUrl: string | null;
  isActive: boolean;
  createdBy: string | null;
  /** The seller who owns the product and its stock; null = the house (admins manage it). */
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Who may change a product and its stock: admins any product, a seller only their own. The house's
 * products (no owner) are the admins' alone.
 */
export const canManageProduct = (actor: Actor, ownerId: string | null): boolean =>
  isAdmin(actor) || (actor.role === 'seller' && ownerId !== null && ownerId === actor.userId);

/** Another seller's product is answered as missing, so its id reveals nothing. */
export function assertCanManageProduct(actor: Actor, product: { id: string; ownerId: string | null }): void {
  if (!canManageProduct(actor, product.ownerId)) throw new NotFoundError('Product', product.id);
}

export type ProductChanges = Partial<Pick<ProductProps, 'name' | 'description' | 'price' | 'categoryId' | 'imageUrl' | 'isActive'>>;

export class Product extends AggregateRoot {
  private constructor(private props: ProductProps) {
    super();
  }

  static create(input: Omit<ProductProps, 'id' | 'isActive' | 'createdAt' | 'updatedAt'>): Product {
    Product.checkPrice(input.price);
    const now = new Date();
    return new Product({ ...input, id: randomUUID(), isActive: true, createdAt: now, updatedAt: now });
  }

  static restore(props: ProductProps): Product {
    return new Product({ ...props });
  }

  static checkPrice(price: number): void {
    if (!Number.isSafeInteger(price) || price < 0 || price > PRODUCT_MAX_PRICE) {
      throw new ValidationError('price', `must be a whole number of pence from 0 to ${PRODUCT_MAX_PRICE}`);
    }
  }

  get id(): string {
    return this.props.id;
  }
  get isActive(): boolean {
    return this.props.isActive;
  }
  get ownerId(): string | null {
    return this.props.ownerId;
  }

  snapshot(): Readonly<ProductProps> {
    return { ...this.props };
  }

  update(changes: ProductChanges): void {
    if (changes.price !== undefined) Product.checkPrice(changes.price);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.props = { ...this.props, ...defined, updatedAt: new Date() };
  }

  /** Deleting a product only deactivates it: orders and reviews keep pointing at it. */
  deactivate(): void {
    this.props.isActive = false;
    this.props.updatedAt = new Date();
  }
}
