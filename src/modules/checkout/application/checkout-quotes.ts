import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { CartCheckout, CheckoutLine, CheckoutQuote } from '../../cart/application/cart-checkout';
import { CatalogItems, itemKey, vatRateOf } from '../../catalog/application/catalog-items';

/** Priced lines for an order, and what to do once the order exists (the cart gives up the bought lines). */
export interface Quote {
  lines: CheckoutLine[];
  discount: CheckoutQuote['discount'];
  currency: string;
  complete(orderId: string): Promise<void>;
}

/** Where an order's lines come from: the caller's cart, or repair services named directly (POST bookings). */
@Injectable()
export class CheckoutQuotes {
  constructor(
    private readonly cart: CartCheckout,
    private readonly catalog: CatalogItems,
    private readonly config: AppConfig,
  ) {}

  /** Locks the cart and prices the chosen lines as the shopper sees them. Inside the checkout's transaction. */
  async ofCart(caller: { actor?: Actor; cartToken?: string }, customerKey: string, cartItemIds?: string[]): Promise<Quote> {
    const quote = await this.cart.begin(caller, customerKey, cartItemIds);
    return { ...quote, complete: (orderId) => this.cart.complete(quote, orderId, customerKey) };
  }

  async ofServices(items: { serviceId: string; quantity: number }[]): Promise<Quote> {
    // One line per service: repeating it would slip past the per-line quantity cap and print twice on the invoice.
    const repeated = items.findIndex((item, index) => items.findIndex((other) => other.serviceId === item.serviceId) !== index);
    if (repeated >= 0) throw new ValidationError(`items.${repeated}.serviceId`, 'is listed twice: give the service once, with its quantity');
    const found = await this.catalog.find(items.map((i) => ({ kind: 'service' as const, id: i.serviceId })));
    const lines = items.map((i, index): CheckoutLine => {
      const service = found.get(itemKey({ kind: 'service', id: i.serviceId }));
      if (!service?.isActive) throw new NotFoundError('Service', i.serviceId);
      return {
        cartItemId: `direct-${index}`,
        kind: 'service',
        itemId: service.id,
        name: service.name,
        unitPrice: service.unitPrice,
        quantity: i.quantity,
        lineTotal: service.unitPrice * i.quantity,
        vatRate: vatRateOf(service, this.config.vatRatePercent),
        durationMinutes: service.durationMinutes,
        serviceType: service.serviceType,
      };
    });
    return { lines, discount: null, currency: this.config.currency, complete: async () => undefined };
  }
}
