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
  /** VAT rate in percent the line sells at (its category's, else the standard rate). */
  vatRate: number;
  /** VAT included in the line after its share of the discount; 0 for a line not counted. */
  vatAmount: number;
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
  /** The chosen shipping method (GET cart?shippingMethod=code); null when none was chosen or nothing ships. */
  shippingMethod: string | null;
  shipping: number;
  /** subtotal - discount + shipping. */
  total: number;
  vatTotal: number;
  netTotal: number;
  currency: string;
  warnings: CartWarning[];
  /** Only on the response that created an anonymous cart (also in the X-Cart-Token header). */
  cartToken?: string;
}
