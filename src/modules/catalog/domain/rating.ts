/** A product's rating summary, kept incrementally from review events. */
export interface RatingSummary {
  count: number;
  sum: number;
}

export function withReview(summary: RatingSummary, rating: number): RatingSummary {
  return { count: summary.count + 1, sum: summary.sum + rating };
}

export function withoutReview(summary: RatingSummary, rating: number): RatingSummary {
  if (summary.count <= 1) return { count: 0, sum: 0 };
  return { count: summary.count - 1, sum: Math.max(0, summary.sum - rating) };
}

/** Average rounded to two decimals (half up), 0 when there are no reviews. */
export function averageOf(summary: RatingSummary): number {
  return summary.count === 0 ? 0 : Math.round((summary.sum * 100) / summary.count) / 100;
}
