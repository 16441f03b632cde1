import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { OrderModule } from '../order/order.module';
import { BookingPolicy } from './application/booking-policy';
import { BookingSideEffects } from './application/booking-side-effects';
import { ChangeBooking } from './application/change-booking';
import { GetAvailability } from './application/get-availability';
import { ManageTechnicians } from './application/manage-technicians';
import { ReadBookings } from './application/read-bookings';
import { RateVisit } from './application/rate-visit';
import { VisitBooking } from './application/visit-booking';
import { VisitCalendar } from './application/visit-calendar';
import { VisitNotices } from './application/visit-notices';
import { VisitLocks } from './application/visit-locks';
import { VisitParts } from './application/visit-parts';
import { VisitHolds } from './contracts/visit-holds';
import { BookingRepository, TechnicianRepository, VisitPartRepository } from './domain/booking.ports';
import { TypeOrmBookingRepository } from './infrastructure/typeorm-booking.repository';
import { TypeOrmTechnicianRepository } from './infrastructure/typeorm-technician.repository';
import { TypeOrmVisitPartRepository } from './infrastructure/typeorm-visit-part.repository';
import { BookingsController } from './presentation/bookings.controller';
import { CalendarController } from './presentation/calendar.controller';
import { TechniciansController } from './presentation/technicians.controller';
import { VisitWorkController } from './presentation/visit-work.controller';

@Module({
  imports: [CatalogModule, IdentityModule, OrderModule],
  controllers: [BookingsController, VisitWorkController, CalendarController, TechniciansController],
  providers: [
    { provide: BookingRepository, useClass: TypeOrmBookingRepository },
    { provide: TechnicianRepository, useClass: TypeOrmTechnicianRepository },
    { provide: VisitPartRepository, useClass: TypeOrmVisitPartRepository },
    BookingPolicy,
    { provide: VisitHolds, useClass: VisitBooking },
    GetAvailability,
    ReadBookings,
    ChangeBooking,
    BookingSideEffects,
    ManageTechnicians,
    VisitLocks,
    VisitParts,
    RateVisit,
    VisitCalendar,
    VisitNotices,
  ],
  exports: [VisitHolds, VisitNotices],
})
export class BookingModule {}
