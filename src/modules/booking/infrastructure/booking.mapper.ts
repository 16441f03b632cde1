import { Booking } from '../domain/booking';
import { BookingItemOrmEntity, BookingOrmEntity } from './booking.orm-entity';

export function toBooking(row: BookingOrmEntity, items: BookingItemOrmEntity[]): Booking {
  const { reportDiagnosis, reportWorkDone, reportRecommendations, rating, ratingComment, ratedAt, ...rest } = row;
  return Booking.restore({
    ...rest,
    items,
    report: reportDiagnosis !== null && reportWorkDone !== null ? { diagnosis: reportDiagnosis, workDone: reportWorkDone, recommendations: reportRecommendations } : null,
    rating: rating !== null && ratedAt !== null ? { rating, comment: ratingComment, ratedAt } : null,
  });
}

/** The columns a booking's life changes after it is inserted. */
export function changedColumns(booking: Booking): Partial<BookingOrmEntity> {
  const s = booking.snapshot();
  return {
    status: s.status,
    updatedAt: s.updatedAt,
    reportDiagnosis: s.report?.diagnosis ?? null,
    reportWorkDone: s.report?.workDone ?? null,
    reportRecommendations: s.report?.recommendations ?? null,
    rating: s.rating?.rating ?? null,
    ratingComment: s.rating?.comment ?? null,
    ratedAt: s.rating?.ratedAt ?? null,
    followUpOrderId: s.followUpOrderId,
  };
}
