import { averageOf, withoutReview, withReview } from './rating';

describe('rating summary', () => {
  it('averages to two decimals and returns to zero when the last review goes', () => {
    let s = { count: 0, sum: 0 };
    s = withReview(s, 5);
    s = withReview(s, 4);
    s = withReview(s, 4);
    expect(averageOf(s)).toBe(4.33);
    s = withoutReview(s, 5);
    expect(s).toEqual({ count: 2, sum: 8 });
    expect(averageOf(s)).toBe(4);
    s = withoutReview(withoutReview(s, 4), 4);
    expect(averageOf(s)).toBe(0);
  });
});
