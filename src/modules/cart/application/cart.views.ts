import type { CartStatus, ItemKind } from '../domain/cart';
import type { DiscountRefusal } from '../domain/discount';

export interface CartLineView {
  id: string;
  kind: ItemKind;
  productId: string | null;
  serviceId: string | null;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** Units available now (products); null for services. */
  available: number | null;
  /** False when the item was deactivated: the line is kept but not counted or sold. */
  purchasable: boolean;
  addedAt: string;
}

export type CartWarningCode = 'price_changed' | 'unavailable' | 'insufficient_stock' | 'discount_not_applicable';

export interface CartWarning {
  code: CartWarningCode;
  message: string;
  itemId?: string;
  reason?: DiscountRefusal;
}

export interface CartView {
  id: string | null;
  status: CartStatus;
  items: CartLineView[];
  itemCount: number;
  subtotal: number;
  discount: { code: string; amount: number } | null;
  total: number;
  currency: string;
  warnings: CartWarning[];
  /** Only on the response that created an anonymous cart (also in the X-Cart-Token header). */
  cartToken?: string;
}
