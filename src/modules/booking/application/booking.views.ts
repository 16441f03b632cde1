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
  notes: string | null;
  items: { serviceId: string; name: string; quantity: number; unitPrice: number; durationMinutes: number }[];
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
    notes: s.notes,
    items: s.items.map((i) => ({ serviceId: i.serviceId, name: i.name, quantity: i.quantity, unitPrice: i.unitPrice, durationMinutes: i.durationMinutes })),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
