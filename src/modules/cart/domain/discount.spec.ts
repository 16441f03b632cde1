import { Discount, DiscountInput } from './discount';

const base: DiscountInput = {
  code: ' save10 ',
  name: 'Ten percent off',
  type: 'percentage',
  value: 10,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2027-01-01T00:00:00Z'),
  isActive: true,
  minSubtotal: 1000,
  maxUses: 2,
  perCustomerLimit: 1,
  appliesTo: 'all',
};
const now = new Date('2026-06-01T00:00:00Z');

describe('discount codes', () => {
  it('normalizes the code', () => {
    expect(Discount.create(base).code).toBe('SAVE10');
  });

  it('accepts a valid use', () => {
    expect(Discount.create(base).refusal(now, 1000, 0)).toBeNull();
  });

  it.each([
    ['inactive', { isActive: false }, 1000, 0],
    ['not_yet_valid', { validFrom: new Date('2026-07-01T00:00:00Z') }, 1000, 0],
    ['expired', { validTo: new Date('2026-05-01T00:00:00Z'), validFrom: null }, 1000, 0],
    ['below_minimum', {}, 999, 0],
    ['already_used', {}, 1000, 1],
  ] as const)('refuses with %s', (reason, change, subtotal, uses) => {
    expect(Discount.create({ ...base, ...change }).refusal(now, subtotal, uses)).toBe(reason);
  });

  it('refuses a used-up code', () => {
    const d = Discount.restore({ ...Discount.create(base).snapshot(), timesUsed: 2 });
    expect(d.refusal(now, 5000, 0)).toBe('used_up');
  });

  it('skips the per-customer check when the customer is unknown', () => {
    expect(Discount.create(base).refusal(now, 1000, null)).toBeNull();
  });

  it('rejects impossible values', () => {
    expect(() => Discount.create({ ...base, value: 101 })).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => Discount.create({ ...base, type: 'fixed', value: 0 })).toThrow();
    expect(() => Discount.create({ ...base, validTo: base.validFrom })).toThrow();
  });
});
