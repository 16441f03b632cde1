import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { CatalogItems, itemKey, ItemRef, PurchasableItem, vatRateOf } from '../../catalog/application/catalog-items';
import { shippingCharge, ShippingOption } from '../../shipping/contracts/shipping-options';
import { Cart, CartLine, ItemFacts } from '../domain/cart';
import { DiscountRepository } from '../domain/cart.ports';
import { Discount, REFUSAL_MESSAGES } from '../domain/discount';
import { priceLines } from '../../../shared/domain/pricing';
import { vatBreakdown } from '../../../shared/domain/vat';
import { CartLineView, CartView, CartWarning } from './cart.views';
import { DiscountCustomers } from './discount-customers';

const EMPTY_ID = null;
const money = (pence: number) => `£${(pence / 100).toFixed(2)}`;

/** A priced cart: the view the shopper sees, and what checkout turns into an order. */
export interface CartQuote {
  view: CartView;
  discount: Discount | null;
  /** Lines that can be bought now, with their catalog facts. */
  purchasable: { line: CartLine; item: PurchasableItem; lineTotal: number }[];
}

/**
 * Prices a cart with the catalog's current names, prices and stock, and re-evaluates its
 * discount code every time: a code that stopped applying shows as a warning, not a saving.
 */
@Injectable()
export class CartPricing {
  constructor(
    private readonly catalog: CatalogItems,
    private readonly discounts: DiscountRepository,
    private readonly customers: DiscountCustomers,
    private readonly config: AppConfig,
  ) {}

  /** How often this customer (a user id or `email:<guest address>`) used the code; null for nobody known yet. */
  async usesBy(discount: Discount, customer: string | null): Promise<number | null> {
    if (!customer) return null;
    if (discount.snapshot().perCustomerLimit === null) return 0;
    return this.discounts.usesByCustomer(discount.id, await this.customers.keyOf(customer));
  }

  async facts(kind: 'product' | 'service', id: string): Promise<(ItemFacts & { item: PurchasableItem }) | null> {
    const item = (await this.catalog.find([{ kind, id }])).get(itemKey({ kind, id }));
    return item?.isActive ? { unitPrice: item.unitPrice, available: item.available, item } : null;
  }

  async itemsOf(lines: readonly CartLine[]): Promise<Map<string, PurchasableItem>> {
    return this.itemsFor(lines.map((l) => ({ kind: l.kind, id: l.itemId })));
  }

  async itemsFor(refs: ItemRef[]): Promise<Map<string, PurchasableItem>> {
    return this.catalog.find(refs);
  }

  emptyView(): CartView {
    return {
      id: EMPTY_ID,
      status: 'active',
      items: [],
      itemCount: 0,
      subtotal: 0,
      discount: null,
      shippingMethod: null,
      shipping: 0,
      total: 0,
      vatTotal: 0,
      netTotal: 0,
      currency: this.config.currency,
      warnings: [],
    };
  }

  /**
   * `known`: the catalog facts of every line when the caller has just read them; `shipping`: the
   * method the shopper chose, charged when the priced lines include products.
   */
  async quote(cart: Cart, customerKey: string | null, onlyLineIds?: string[], known?: Map<string, PurchasableItem>, shipping?: ShippingOption): Promise<CartQuote> {
    const lines = onlyLineIds ? cart.lines.filter((l) => onlyLineIds.includes(l.id)) : [...cart.lines];
    const items = known ?? (await this.itemsOf(lines));
    const warnings: CartWarning[] = [];
    const views: CartLineView[] = [];
    const purchasable: CartQuote['purchasable'] = [];
    // The view of each purchasable line, in the same order: its VAT is known only at the end.
    const purchasableViews: CartLineView[] = [];
    for (const line of lines) {
      const item = items.get(itemKey({ kind: line.kind, id: line.itemId }));
      const ok = item?.isActive === true;
      const unitPrice = item?.unitPrice ?? line.unitPriceAtAdd;
      if (!ok) warnings.push({ code: 'unavailable', itemId: line.id, message: `${item?.name ?? 'This item'} is no longer available` });
      if (ok && unitPrice !== line.unitPriceAtAdd) {
        warnings.push({ code: 'price_changed', itemId: line.id, message: `${item.name}: price changed from ${money(line.unitPriceAtAdd)} to ${money(unitPrice)}` });
      }
      if (ok && item.available !== null && item.available < line.quantity) {
        warnings.push({ code: 'insufficient_stock', itemId: line.id, message: `${item.name}: only ${Math.max(item.available, 0)} available, ${line.quantity} in cart` });
      }
      const lineTotal = unitPrice * line.quantity;
      const vatRate = vatRateOf(item ?? { vatRatePercent: null }, this.config.vatRatePercent);
      const view: CartLineView = {
        id: line.id,
        kind: line.kind,
        productId: line.kind === 'product' ? line.itemId : null,
        serviceId: line.kind === 'service' ? line.itemId : null,
        name: item?.name ?? 'Unavailable item',
        unitPrice,
        quantity: line.quantity,
        lineTotal,
        vatRate,
        vatAmount: 0,
        available: item?.available ?? null,
        purchasable: ok,
        addedAt: line.addedAt,
      };
      views.push(view);
      if (ok) {
        purchasable.push({ line, item, lineTotal });
        purchasableViews.push(view);
      }
    }

    let discount = cart.discountCode ? await this.discounts.findByCode(cart.discountCode) : null;
    const undiscounted = priceLines(purchasable.map((p) => ({ kind: p.item.kind, unitPrice: p.item.unitPrice, quantity: p.line.quantity })), null);
    if (discount) {
      const refusal = discount.refusal(new Date(), undiscounted.subtotal, await this.usesBy(discount, customerKey));
      if (refusal) {
        warnings.push({ code: 'discount_not_applicable', reason: refusal, message: `${discount.code}: ${REFUSAL_MESSAGES[refusal]}` });
        discount = null;
      }
    } else if (cart.discountCode) {
      warnings.push({ code: 'discount_not_applicable', reason: 'unknown', message: `${cart.discountCode}: ${REFUSAL_MESSAGES.unknown}` });
    }
    const d = discount?.snapshot();
    const priced = priceLines(
      purchasable.map((p) => ({ kind: p.item.kind, unitPrice: p.item.unitPrice, quantity: p.line.quantity })),
      d ? { type: d.type, value: d.value, appliesTo: d.appliesTo } : null,
    );
    const ships = shipping && purchasable.some((p) => p.item.kind === 'product') ? shipping : null;
    const shippingAmount = ships ? shippingCharge(ships, priced.subtotal) : 0;
    const vat = vatBreakdown({
      lines: purchasable.map((p) => ({ kind: p.item.kind, lineTotal: p.lineTotal, vatRate: vatRateOf(p.item, this.config.vatRatePercent) })),
      discount: priced.discount,
      appliesTo: d?.appliesTo ?? null,
      shipping: shippingAmount,
      shippingVatRate: this.config.vatRatePercent,
    });
    purchasableViews.forEach((view, i) => {
      view.vatAmount = vat.lines[i].vatAmount;
    });
    return {
      discount,
      purchasable,
      view: {
        id: cart.id,
        status: cart.status,
        items: views,
        itemCount: lines.reduce((n, l) => n + l.quantity, 0),
        subtotal: priced.subtotal,
        discount: discount ? { code: discount.code, amount: priced.discount } : null,
        shippingMethod: ships?.code ?? null,
        shipping: shippingAmount,
        total: priced.total + shippingAmount,
        vatTotal: vat.vatTotal,
        netTotal: vat.netTotal,
        currency: this.config.currency,
        warnings,
      },
    };
  }
}
