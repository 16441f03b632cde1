import { ItemRef, PurchasableItem } from '../../catalog/application/catalog-items';
import { Cart } from '../domain/cart';
import { CartOwner } from '../domain/cart.ports';

export interface CartWithItems {
  /** Read without a lock: CartRepository.saveIfUnchanged saves it if nobody wrote it since. */
  cart: Cart;
  /** The catalog's facts of every line's item, and of `also`, as CatalogItems.find returns them. */
  items: Map<string, PurchasableItem>;
}

/**
 * The owner's active cart and the catalog facts that price it, read in one statement: reading or
 * adding to a cart needs both, and a round trip to PostgreSQL costs more than the 40 lines it
 * carries (docs/PERFORMANCE.md, "Cart add-and-get").
 */
export abstract class CartWithItemsReader {
  abstract findActiveWithItems(owner: CartOwner, also?: ItemRef): Promise<CartWithItems | null>;
}
