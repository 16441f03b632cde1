import fc from 'fast-check';
import { discountAmount, priceLines, PricedLineInput } from './pricing';

const line = fc.record({
  kind: fc.constantFrom<'product' | 'service'>('product', 'service'),
  unitPrice: fc.integer({ min: 0, max: 100_000_000 }),
  quantity: fc.integer({ min: 1, max: 99 }),
});
const rule = fc.record({
  type: fc.constantFrom<'percentage' | 'fixed'>('percentage', 'fixed'),
  value: fc.integer({ min: 1, max: 1_000_000 }),
  appliesTo: fc.constantFrom<'all' | 'products' | 'services'>('all', 'products', 'services'),
});

describe('cart pricing', () => {
  it('rounds percentages to the nearest penny, halves up', () => {
    expect(discountAmount({ type: 'percentage', value: 10, appliesTo: 'all' }, 1005)).toBe(101);
    expect(discountAmount({ type: 'percentage', value: 10, appliesTo: 'all' }, 1004)).toBe(100);
    expect(discountAmount({ type: 'percentage', value: 15, appliesTo: 'all' }, 999)).toBe(150);
    expect(discountAmount({ type: 'percentage', value: 100, appliesTo: 'all' }, 999)).toBe(999);
  });

  it('caps a fixed discount at what it applies to', () => {
    const lines: PricedLineInput[] = [
      { kind: 'product', unitPrice: 300, quantity: 1 },
      { kind: 'service', unitPrice: 5000, quantity: 1 },
    ];
    const priced = priceLines(lines, { type: 'fixed', value: 1000, appliesTo: 'products' });
    expect(priced).toEqual({ lineTotals: [300, 5000], subtotal: 5300, eligible: 300, discount: 300, total: 5000 });
  });

  it('applies a scoped percentage only to its kind of line', () => {
    const priced = priceLines(
      [
        { kind: 'product', unitPrice: 1000, quantity: 2 },
        { kind: 'service', unitPrice: 8000, quantity: 1 },
      ],
      { type: 'percentage', value: 25, appliesTo: 'services' },
    );
    expect(priced.discount).toBe(2000);
    expect(priced.total).toBe(8000);
  });

  it('holds its invariants for any cart and any discount', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.option(rule, { nil: null }), (lines, r) => {
        const p = priceLines(lines, r);
        expect(p.total).toBeGreaterThanOrEqual(0);
        expect(p.total).toBe(p.subtotal - p.discount);
        expect(p.lineTotals.reduce((a, b) => a + b, 0)).toBe(p.subtotal);
        expect(p.lineTotals).toEqual(lines.map((l) => l.unitPrice * l.quantity));
        expect(p.discount).toBeLessThanOrEqual(p.eligible);
        expect(p.eligible).toBeLessThanOrEqual(p.subtotal);
        for (const v of [p.total, p.subtotal, p.discount]) expect(Number.isInteger(v)).toBe(true);
      }),
    );
  });

  it('never takes more than 100 percent, whatever the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -50, max: 500 }), (eligible, value) => {
        const d = discountAmount({ type: 'percentage', value, appliesTo: 'all' }, eligible);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(eligible);
      }),
    );
  });
});
