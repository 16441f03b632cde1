import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, UnprocessableError } from '../../../shared/domain/domain-error';
import { Cart } from '../domain/cart';
import { CartRepository, DiscountRepository } from '../domain/cart.ports';
import { Discount, DiscountScope, DiscountType, REFUSAL_MESSAGES } from '../domain/discount';
import { CartAccess, CartCaller } from './cart-access';
import { CartPricing, CartQuote } from './cart-pricing';
import { DiscountCustomers } from './discount-customers';

export interface CheckoutLine {
  cartItemId: string;
  kind: 'product' | 'service';
  itemId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** The VAT rate the line sells at now (snapshotted by the order). */
  vatRate: number;
  durationMinutes: number | null;
  serviceType: string | null;
}

export interface CheckoutQuote {
  cartId: string;
  lines: CheckoutLine[];
  subtotal: number;
  discount: { id: string; code: string; amount: number; type: DiscountType; value: number; appliesTo: DiscountScope } | null;
  total: number;
  currency: string;
}

/**
 * Exported to checkout (and to orders, which give a discount use back on cancellation). `begin`
 * locks the caller's cart and prices the chosen lines exactly as the shopper sees them; `complete`
 * (same transaction, after the order exists) counts the discount use atomically and removes the
 * bought lines from the cart.
 */
@Injectable()
export class CartCheckout {
  private readonly open = new WeakMap<CheckoutQuote, Cart>();

  constructor(
    private readonly access: CartAccess,
    private readonly carts: CartRepository,
    private readonly discounts: DiscountRepository,
    private readonly pricing: CartPricing,
    private readonly customers: DiscountCustomers,
  ) {}

  async begin(caller: CartCaller, customerKey: string | null, cartItemIds?: string[]): Promise<CheckoutQuote> {
    const owner = this.access.owner(caller);
    const cart = owner ? await this.carts.findActiveForUpdate(owner) : null;
    if (!cart || cart.lines.length === 0) throw new UnprocessableError('cart.empty', 'The cart is empty');
    if (cartItemIds) for (const id of cartItemIds) cart.line(id);
    const quote: CartQuote = await this.pricing.quote(cart, customerKey, cartItemIds);
    const unavailable = quote.view.items.filter((i) => !i.purchasable);
    if (unavailable.length) {
      throw new ConflictError('cart.item_unavailable', `No longer available: ${unavailable.map((i) => i.name).join(', ')}`, {
        cartItemIds: unavailable.map((i) => i.id),
      });
    }
    const notApplicable = quote.view.warnings.find((w) => w.code === 'discount_not_applicable');
    if (notApplicable?.reason) {
      throw new ConflictError(`discount.${notApplicable.reason}`, `${cart.discountCode}: ${REFUSAL_MESSAGES[notApplicable.reason]}`, {
        discountCode: cart.discountCode,
      });
    }
    const checkout: CheckoutQuote = {
      cartId: cart.id,
      lines: quote.purchasable.map(({ line, item, lineTotal }) => ({
        cartItemId: line.id,
        kind: line.kind,
        itemId: line.itemId,
        name: item.name,
        unitPrice: item.unitPrice,
        quantity: line.quantity,
        lineTotal,
        vatRate: quote.view.items.find((v) => v.id === line.id)!.vatRate,
        durationMinutes: item.durationMinutes,
        serviceType: item.serviceType,
      })),
      subtotal: quote.view.subtotal,
      discount: quote.discount && quote.view.discount ? discountOf(quote.discount, quote.view.discount.amount) : null,
      total: quote.view.total,
      currency: quote.view.currency,
    };
    this.open.set(checkout, cart);
    return checkout;
  }

  async complete(checkout: CheckoutQuote, orderId: string, customerKey: string): Promise<void> {
    const cart = this.open.get(checkout);
    if (!cart) throw new NotFoundError('Checkout');
    if (checkout.discount) {
      const result = await this.discounts.redeem(checkout.discount.id, await this.customers.keyOf(customerKey), orderId);
      if (result !== 'ok') {
        throw new ConflictError(`discount.${result}`, `${checkout.discount.code}: ${REFUSAL_MESSAGES[result]}`, {
          discountCode: checkout.discount.code,
        });
      }
    }
    cart.consume(checkout.lines.map((l) => l.cartItemId));
    await this.carts.save(cart);
    this.open.delete(checkout);
  }

  /** An order that used a code was cancelled: the use is given back. */
  releaseDiscount(orderId: string): Promise<void> {
    return this.discounts.unredeem(orderId);
  }
}

function discountOf(discount: Discount, amount: number): CheckoutQuote['discount'] {
  const d = discount.snapshot();
  return { id: d.id, code: d.code, amount, type: d.type, value: d.value, appliesTo: d.appliesTo };
}
