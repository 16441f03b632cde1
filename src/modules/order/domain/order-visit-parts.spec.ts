import { OrderPlaced } from './order.events';
import { NewOrderLine, Order } from './order';

const customer = { id: 'u1', role: 'customer' as const };
const FREE_DELIVERY = { code: 'economy', name: 'Economy', price: 0, freeOverSubtotal: null };
const admin = { id: 'a1', role: 'admin' as const };
const technician = { id: 't1', role: 'technician' as const };
const pump: NewOrderLine = { kind: 'product', itemId: 'p1', name: 'Pump', unitPrice: 2600, quantity: 1, vatRate: 20 };

const placeForParts = () =>
  Order.place({
    number: 1002,
    userId: 'u1',
    guestEmail: null,
    currency: 'GBP',
    lines: [pump],
    discount: null,
    shippingAddress: null,
    shippingMethod: null,
    shippingVatRate: 20,
    actor: technician,
    visitParts: { bookingId: 'b1', originalOrderId: 'o1' },
  });

describe('an order for parts fitted on a visit', () => {
  it('needs no shipping address, is linked to the visit and its order, and says its stock already left', () => {
    const order = placeForParts();
    expect(order.snapshot()).toEqual(expect.objectContaining({ status: 'pending', total: 2600, shippingAddress: null, partsBookingId: 'b1', originalOrderId: 'o1' }));
    const placed = order.pullEvents().find((e) => e.name === OrderPlaced.eventName) as OrderPlaced;
    expect(placed.payload).toEqual(expect.objectContaining({ partsBookingId: 'b1', productLines: [{ productId: 'p1', quantity: 1 }] }));
  });

  it('is not cancelled by the customer, only by an admin', () => {
    const order = placeForParts();
    expect(() => order.cancel(customer, null)).toThrow(expect.objectContaining({ code: 'order.parts_not_cancellable' }));
    order.cancel(admin, 'goodwill');
    expect(order.status).toBe('cancelled');
  });

  it('completes without shipping once paid', () => {
    const order = placeForParts();
    order.markPaid({ id: null, role: 'system' });
    order.changeStatus('processing', admin, null);
    expect(order.allowedTransitions()).toEqual(['completed', 'refunded']);
  });

  it('a product order without a visit still needs a shipping address', () => {
    expect(() => Order.place({ number: 1, userId: 'u1', guestEmail: null, currency: 'GBP', lines: [pump], discount: null, shippingAddress: null, shippingMethod: FREE_DELIVERY, shippingVatRate: 20, actor: customer })).toThrow(
      expect.objectContaining({ code: 'order.shipping_address_required' }),
    );
  });
});
