import { Booking, BookingStatus } from '../domain/booking';

export interface BookingView {
  id: string;
  orderId: string;
  customerId: string | null;
  technicianId: string;
  status: BookingStatus;
  start: string;
  end: string;
  durationMinutes: number;
  address: string;
  postcode: string | null;
  notes: string | null;
  items: { serviceId: string; name: string; quantity: number; unitPrice: number; durationMinutes: number }[];
  report: { diagnosis: string; workDone: string; recommendations: string | null } | null;
  rating: { rating: number; comment: string | null; ratedAt: string } | null;
  followUpOrderId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toBookingView(booking: Booking): BookingView {
  const s = booking.snapshot();
  return {
    id: s.id,
    orderId: s.orderId,
    customerId: s.customerId,
    technicianId: s.technicianId,
    status: s.status,
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    durationMinutes: booking.durationMinutes,
    address: s.address,
    postcode: s.postcode,
    notes: s.notes,
    items: s.items.map((i) => ({ serviceId: i.serviceId, name: i.name, quantity: i.quantity, unitPrice: i.unitPrice, durationMinutes: i.durationMinutes })),
    report: s.report ? { ...s.report } : null,
    rating: s.rating ? { rating: s.rating.rating, comment: s.rating.comment, ratedAt: s.rating.ratedAt.toISOString() } : null,
    followUpOrderId: s.followUpOrderId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
