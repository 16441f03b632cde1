import { ValidationError } from '../../../shared/domain/domain-error';

/** What the technician found and did, written when the visit is completed. */
export interface VisitReport {
  diagnosis: string;
  workDone: string;
  recommendations: string | null;
}

/** The customer's rating of a completed visit, given once. */
export interface VisitRating {
  rating: number;
  comment: string | null;
  ratedAt: Date;
}

export const MAX_REPORT_TEXT = 4000;

/** A report needs a diagnosis and the work done, as words, not blanks. */
export function checkVisitReport(report: VisitReport | undefined | null): VisitReport {
  if (!report) throw new ValidationError('report', 'is required to complete a visit: {diagnosis, workDone, recommendations?}', 'booking.report_required');
  const text = (field: string, value: string | null | undefined, required: boolean): string | null => {
    const trimmed = value?.trim() ?? '';
    if (!trimmed && required) throw new ValidationError(`report.${field}`, 'must not be blank', 'booking.report_required');
    if (trimmed.length > MAX_REPORT_TEXT) throw new ValidationError(`report.${field}`, `at most ${MAX_REPORT_TEXT} characters`);
    return trimmed || null;
  };
  return {
    diagnosis: text('diagnosis', report.diagnosis, true) as string,
    workDone: text('workDone', report.workDone, true) as string,
    recommendations: text('recommendations', report.recommendations, false),
  };
}

export function checkRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new ValidationError('rating', 'must be a whole number from 1 to 5');
}

/**
 * A technician's average for the fair-assignment tie-breaker. Someone nobody has rated yet
 * counts as the scale's midpoint (3), so new technicians are neither favoured nor starved.
 */
export const NEUTRAL_RATING = 3;
export const rankingRating = (summary: { average: number | null; count: number } | undefined): number =>
  summary?.count ? (summary.average ?? NEUTRAL_RATING) : NEUTRAL_RATING;
