import { Order, NewOrderLine } from './order';

const customer = { id: 'u1', role: 'customer' as const };
const FREE_DELIVERY = { code: 'economy', name: 'Economy', price: 0, freeOverSubtotal: null };
const admin = { id: 'a1', role: 'admin' as const };
const address = { name: 'Ann', line1: '1 High St', city: 'London', postcode: 'N1 1AA', country: 'GB' };
const pump: NewOrderLine = { kind: 'product', itemId: 'p1', name: 'Pump', unitPrice: 1005, quantity: 2, vatRate: 20 };
const repair: NewOrderLine = { kind: 'service', itemId: 's1', name: 'Washer repair', unitPrice: 8900, quantity: 1, vatRate: 20 };

const place = (lines: NewOrderLine[], discount = null as null | { code: string; type: 'percentage' | 'fixed'; value: number; appliesTo: 'all' | 'products' | 'services' }) =>
  Order.place({ number: 1001, userId: 'u1', guestEmail: null, currency: 'GBP', lines, discount, shippingAddress: address, shippingMethod: FREE_DELIVERY, shippingVatRate: 20, actor: customer });

describe('Order', () => {
  it('snapshots lines and totals and records OrderPlaced plus the first history step', () => {
    const order = place([pump], { code: 'SAVE10', type: 'percentage', value: 10, appliesTo: 'all' });
    const s = order.snapshot();
    expect(s.subtotal).toBe(2010);
    expect(s.discount?.amount).toBe(201);
    expect(s.total).toBe(1809);
    expect(order.pullEvents().map((e) => e.name)).toEqual(['OrderPlaced', 'OrderStatusChanged']);
  });

  it('is paid when placed if there is nothing to pay', () => {
    const order = place([pump], { code: 'FREE', type: 'percentage', value: 100, appliesTo: 'all' });
    expect(order.snapshot().total).toBe(0);
    expect(order.status).toBe('paid');
    const changes = order.pullEvents().filter((e) => e.name === 'OrderStatusChanged');
    expect(changes.map((e) => e.payload)).toEqual([
      expect.objectContaining({ from: null, to: 'pending', actorRole: 'customer' }),
      expect.objectContaining({ from: 'pending', to: 'paid', actorRole: 'system', actorId: null, note: 'nothing to pay' }),
    ]);
    expect(place([pump]).status).toBe('pending');
  });

  it('requires a shipping address for products but not for services', () => {
    expect(() => Order.place({ number: 1, userId: 'u1', guestEmail: null, currency: 'GBP', lines: [pump], discount: null, shippingAddress: null, shippingMethod: FREE_DELIVERY, shippingVatRate: 20, actor: customer })).toThrow(
      expect.objectContaining({ code: 'order.shipping_address_required' }),
    );
    const order = Order.place({ number: 1, userId: 'u1', guestEmail: null, currency: 'GBP', lines: [repair], discount: null, shippingAddress: null, shippingMethod: null, shippingVatRate: 20, actor: customer });
    expect(order.serviceOnly).toBe(true);
  });

  it('walks the product path and names the allowed transitions when refusing', () => {
    const order = place([pump]);
    order.markPaid({ id: null, role: 'system' });
    order.changeStatus('processing', admin, null);
    expect(() => order.changeStatus('completed', admin, null)).toThrow(
      expect.objectContaining({ code: 'order.invalid_transition', details: expect.objectContaining({ allowed: ['shipped', 'refunded'] }) }),
    );
    order.changeStatus('shipped', admin, 'DPD 123');
    order.changeStatus('delivered', admin, null);
    order.changeStatus('completed', admin, null);
    expect(order.status).toBe('completed');
  });

  it('lets service-only orders complete from processing', () => {
    const order = Order.place({ number: 1, userId: 'u1', guestEmail: null, currency: 'GBP', lines: [repair], discount: null, shippingAddress: null, shippingMethod: null, shippingVatRate: 20, actor: customer });
    order.markPaid({ id: null, role: 'system' });
    order.changeStatus('processing', admin, null);
    expect(order.allowedTransitions()).toEqual(['completed', 'refunded']);
    order.changeStatus('completed', admin, null);
  });

  it('cancels only while pending or paid, raising OrderCancelled', () => {
    const order = place([pump]);
    order.pullEvents();
    order.cancel(customer, 'changed my mind');
    expect(order.pullEvents().map((e) => e.name)).toEqual(['OrderStatusChanged', 'OrderCancelled']);
    const shipped = place([pump]);
    shipped.markPaid({ id: null, role: 'system' });
    shipped.changeStatus('processing', admin, null);
    expect(() => shipped.cancel(customer, null)).toThrow(expect.objectContaining({ code: 'order.invalid_transition' }));
  });

  it('keeps paid and refunded for the payment flow', () => {
    const order = place([pump]);
    expect(() => order.changeStatus('paid', admin, null)).toThrow(expect.objectContaining({ code: 'order.status_set_by_payments' }));
  });

  it('adds lines only while pending and recomputes the discount the same way', () => {
    const order = place([pump], { code: 'FIVER', type: 'fixed', value: 500, appliesTo: 'products' });
    order.addLines([{ ...pump, quantity: 1 }]);
    const s = order.snapshot();
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0].quantity).toBe(3);
    expect(s.subtotal).toBe(3015);
    expect(s.total).toBe(2515);
    order.markPaid({ id: null, role: 'system' });
    expect(() => order.addLines([pump])).toThrow(expect.objectContaining({ code: 'order.not_pending' }));
  });

  it('never lets added units grow a line past 99, counting repeats in one call, and changes nothing when refusing', () => {
    const order = place([{ ...pump, quantity: 60 }]);
    order.pullEvents();
    expect(() => order.addLines([{ ...pump, quantity: 40 }])).toThrow(expect.objectContaining({ code: 'order.quantity_limit' }));
    expect(() => order.addLines([{ ...pump, quantity: 20 }, { ...pump, quantity: 20 }])).toThrow(expect.objectContaining({ code: 'order.quantity_limit' }));
    expect(order.snapshot().lines.map((l) => l.quantity)).toEqual([60]);
    expect(order.pullEvents()).toEqual([]);
    order.addLines([{ ...pump, quantity: 39 }]);
    expect(order.snapshot().lines.map((l) => l.quantity)).toEqual([99]);
  });

  describe('shipping and VAT', () => {
    const STANDARD = { code: 'standard', name: 'Standard delivery', price: 499, freeOverSubtotal: 5000 };
    const withShipping = (lines: NewOrderLine[], method: typeof STANDARD | null, discount: null | { code: string; type: 'percentage' | 'fixed'; value: number; appliesTo: 'all' | 'products' | 'services' } = null) =>
      Order.place({ number: 7, userId: 'u1', guestEmail: null, currency: 'GBP', lines, discount, shippingAddress: address, shippingMethod: method, shippingVatRate: 20, actor: customer });

    it('requires a method for products and refuses one for services only (400, field shippingMethod)', () => {
      expect(() => withShipping([pump], null)).toThrow(expect.objectContaining({ kind: 'validation', code: 'order.shipping_method_required' }));
      expect(() => withShipping([repair], STANDARD)).toThrow(expect.objectContaining({ kind: 'validation', code: 'order.shipping_method_not_applicable' }));
    });

    it('charges shipping on top of the discounted goods, free from the threshold, and never discounts it', () => {
      const order = withShipping([pump], STANDARD, { code: 'ALL', type: 'fixed', value: 100_000, appliesTo: 'all' });
      expect(order.snapshot()).toMatchObject({ subtotal: 2010, shipping: 499, total: 499 });
      expect(order.status).toBe('pending');
      expect(withShipping([{ ...pump, quantity: 5 }], STANDARD).snapshot()).toMatchObject({ subtotal: 5025, shipping: 0, total: 5025 });
    });

    it('becomes free when added items reach the threshold', () => {
      const order = withShipping([pump], STANDARD);
      order.addLines([{ ...pump, quantity: 3 }]);
      expect(order.snapshot()).toMatchObject({ subtotal: 5025, shipping: 0, total: 5025 });
    });

    it('records carrier and tracking number with shipped only', () => {
      const order = withShipping([pump], STANDARD);
      order.markPaid({ id: null, role: 'system' });
      order.changeStatus('processing', admin, null);
      expect(() => order.changeStatus('delivered', admin, null, { carrier: 'DPD' })).toThrow(expect.objectContaining({ kind: 'validation' }));
      order.pullEvents();
      order.changeStatus('shipped', admin, null, { carrier: 'DPD', trackingNumber: '15501234567890' });
      expect(order.snapshot()).toMatchObject({ carrier: 'DPD', trackingNumber: '15501234567890' });
      expect(order.pullEvents()[0].payload).toMatchObject({ to: 'shipped', carrier: 'DPD', trackingNumber: '15501234567890' });
    });

    it('takes VAT from the snapshotted rates, the discount spread over the lines', () => {
      const manual: NewOrderLine = { kind: 'product', itemId: 'm1', name: 'Manual', unitPrice: 1000, quantity: 1, vatRate: 0 };
      const order = withShipping([pump, manual], STANDARD, { code: 'TEN', type: 'fixed', value: 301, appliesTo: 'products' });
      // shares of 301 over 2010 and 1000: 201 and 100; VAT 20% of (2010 - 201) = 301.5 -> 302; shipping 499 -> 83.17 -> 83
      const vat = order.vat();
      expect(vat.lines).toEqual([
        { discount: 201, vatRate: 20, vatAmount: 302 },
        { discount: 100, vatRate: 0, vatAmount: 0 },
      ]);
      expect(vat.vatTotal).toBe(385);
      expect(vat.netTotal).toBe(order.total - 385);
    });
  });
});
