import { availableOf, checkManualMovement, mergeStockLines } from './stock';

describe('stock rules', () => {
  it('available is on hand minus reserved', () => {
    expect(availableOf({ onHand: 10, reserved: 3 })).toBe(7);
  });

  it('accepts restocks up and adjustments either way', () => {
    expect(() => checkManualMovement('restock', 5)).not.toThrow();
    expect(() => checkManualMovement('adjustment', -5)).not.toThrow();
  });

  it.each([
    ['restock', -1],
    ['adjustment', 0],
    ['adjustment', 1.5],
    ['restock', 2_000_000],
  ] as const)('rejects %s by %s naming delta', (reason, delta) => {
    expect(() => checkManualMovement(reason, delta)).toThrow(expect.objectContaining({ fieldErrors: [expect.objectContaining({ field: 'delta' })] }));
  });

  it('merges repeated products and orders lines by id to avoid lock-order deadlocks', () => {
    expect(
      mergeStockLines([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 4 },
    ]);
  });
});
