import { ShippingMethod } from './shipping-method';

const standard = () => ShippingMethod.create({ code: 'standard', name: 'Standard delivery', price: 499, freeOverSubtotal: 5000, estimatedDays: 3, isActive: true });

describe('ShippingMethod', () => {
  it('charges its price below the threshold and nothing from it on', () => {
    const method = standard();
    expect(method.chargeFor(0)).toBe(499);
    expect(method.chargeFor(4999)).toBe(499);
    expect(method.chargeFor(5000)).toBe(0);
    expect(method.chargeFor(12_000)).toBe(0);
  });

  it('is never free without a threshold', () => {
    const method = standard();
    method.change({ freeOverSubtotal: null });
    expect(method.chargeFor(1_000_000)).toBe(499);
  });

  it('changes only what is given (undefined leaves a field alone, null clears the threshold)', () => {
    const method = standard();
    method.change({ price: 599, name: undefined });
    expect(method.snapshot()).toMatchObject({ code: 'standard', name: 'Standard delivery', price: 599, freeOverSubtotal: 5000, isActive: true });
    method.change({ isActive: false });
    expect(method.isActive).toBe(false);
  });
});
