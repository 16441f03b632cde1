// Nest's decorators are ESM that this jest cannot load; the use case needs none of Nest to run.
jest.mock('@nestjs/common', () => ({ Injectable: () => () => undefined }));

import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError, DomainError, ValidationError } from '../../../shared/domain/domain-error';
import type { CheckoutLine } from '../../cart/application/cart-checkout';
import { BookingView, VisitHoldRequest, VisitHolds } from '../../booking/contracts/visit-holds';
import type { OrderView } from '../../order/application/order.views';
import { PlaceOrder, PlaceOrderCommand } from '../../order/application/place-order';
import { Checkout } from './checkout';
import { CheckoutQuotes, Quote } from './checkout-quotes';

/** Runs the work at once and counts the transactions opened. */
class FakeUnitOfWork extends UnitOfWork {
  runs = 0;
  run<T>(work: () => Promise<T>): Promise<T> {
    this.runs++;
    return work();
  }
  afterCommit(): void {}
  assertOutsideTransaction(): void {}
}

class FakeVisitHolds extends VisitHolds {
  constructor(
    private readonly steps: string[],
    private readonly outcome: 'held' | 'taken' = 'held',
  ) {
    super();
  }
  checkAddress(address: string, field: string): void {
    this.steps.push(`check ${field}`);
    if (!/\d[A-Z]{2}$/.test(address)) throw new ValidationError(field, 'must contain a UK postcode');
  }
  async hold(request: VisitHoldRequest): Promise<{ bookingId: string }> {
    this.steps.push(`hold ${request.orderId} paid=${request.orderPaid} ${request.lines.map((l) => `${l.serviceId}x${l.quantity}`).join(',')}`);
    if (this.outcome === 'taken') throw new ConflictError('booking.slot_taken', 'That time is no longer free');
    return { bookingId: 'b1' };
  }
  async view(bookingId: string): Promise<BookingView> {
    return { id: bookingId, orderId: 'o1', status: 'pending' } as BookingView;
  }
}

const line = (kind: 'product' | 'service', itemId: string): CheckoutLine => ({
  cartItemId: `c-${itemId}`,
  kind,
  itemId,
  name: itemId,
  unitPrice: 1000,
  quantity: 1,
  lineTotal: 1000,
  vatRate: 20,
  durationMinutes: kind === 'service' ? 60 : null,
  serviceType: kind === 'service' ? 'washer' : null,
});

function setUp(lines: CheckoutLine[], visitOutcome: 'held' | 'taken' = 'held') {
  const steps: string[] = [];
  const quote = (source: string): Quote => {
    steps.push(`quote ${source}`);
    return { lines, discount: null, currency: 'GBP', complete: async (orderId) => void steps.push(`complete ${orderId}`) };
  };
  const quotes = { ofCart: async () => quote('cart'), ofServices: async () => quote('services') } as unknown as CheckoutQuotes;
  const orders = {
    execute: async (cmd: PlaceOrderCommand) => {
      steps.push(`order ${cmd.quote.lines.map((l) => l.itemId).join(',')}`);
      return { id: 'o1', number: 1001, status: 'pending', total: 1000, currency: 'GBP' } as OrderView;
    },
  } as unknown as PlaceOrder;
  const unitOfWork = new FakeUnitOfWork();
  const checkout = new Checkout(quotes, orders, new FakeVisitHolds(steps, visitOutcome), unitOfWork);
  return { checkout, steps, unitOfWork };
}

/** The call as a promise, whether it throws at once (request checks) or later (in the transaction). */
const attempt = <T>(call: () => Promise<T>): Promise<T> => Promise.resolve().then(call);

const actor: Actor = { userId: 'u1', role: 'customer', sessionId: 's1' };
const visit = { start: '2026-12-01T09:00:00Z', address: '1 High Street, London N1 1AA' };

describe('Checkout', () => {
  it('quotes the cart, places the order, holds the visit and only then empties the cart, in one unit of work', async () => {
    const { checkout, steps, unitOfWork } = setUp([line('product', 'p1'), line('service', 's1')]);
    const placed = await checkout.placeOrder({ actor, visit });
    expect(steps).toEqual(['quote cart', 'order p1,s1', 'hold o1 paid=false s1x1', 'complete o1']);
    expect(placed).toEqual(expect.objectContaining({ id: 'o1', bookingId: 'b1' }));
    expect(unitOfWork.runs).toBe(1);
  });

  it('leaves the cart alone when the visit cannot be held (the unit of work rolls the order back)', async () => {
    const { checkout, steps } = setUp([line('service', 's1')], 'taken');
    await expect(checkout.placeOrder({ actor, visit })).rejects.toMatchObject({ code: 'booking.slot_taken' });
    expect(steps).toEqual(['quote cart', 'order s1', 'hold o1 paid=false s1x1']);
  });

  it('holds no visit for products only, and answers without a bookingId', async () => {
    const { checkout, steps } = setUp([line('product', 'p1')]);
    expect(await checkout.placeOrder({ actor })).not.toHaveProperty('bookingId');
    expect(steps).toEqual(['quote cart', 'order p1', 'complete o1']);
  });

  it('refuses a visit the lines do not need, and services without a visit, before placing anything', async () => {
    const products = setUp([line('product', 'p1')]);
    await expect(products.checkout.placeOrder({ actor, visit })).rejects.toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'visit' }] });
    const services = setUp([line('service', 's1')]);
    await expect(services.checkout.placeOrder({ actor })).rejects.toMatchObject({ code: 'order.visit_required' });
    expect([...products.steps, ...services.steps]).toEqual(['quote cart', 'quote cart']);
  });

  it('asks a guest for an email before touching the cart', async () => {
    const { checkout, steps } = setUp([line('product', 'p1')]);
    await expect(attempt(() => checkout.placeOrder({ cartToken: 't' }))).rejects.toBeInstanceOf(DomainError);
    expect(steps).toEqual([]);
  });

  it('books a visit from service items: the address is checked first, the answer is the visit with its order', async () => {
    const { checkout, steps } = setUp([line('service', 's1')]);
    const booked = await checkout.bookVisit(actor, { items: [{ serviceId: 's1', quantity: 1 }], ...visit });
    expect(steps).toEqual(['check address', 'quote services', 'order s1', 'hold o1 paid=false s1x1', 'complete o1']);
    expect(booked).toEqual({ id: 'b1', orderId: 'o1', status: 'pending', order: { id: 'o1', number: 1001, total: 1000, currency: 'GBP' } });

    const refused = setUp([line('service', 's1')]);
    await expect(attempt(() => refused.checkout.bookVisit(actor, { items: [{ serviceId: 's1', quantity: 1 }], ...visit, address: 'somewhere' }))).rejects.toMatchObject({
      fieldErrors: [{ field: 'address' }],
    });
    expect(refused.steps).toEqual(['check address']);
  });
});
