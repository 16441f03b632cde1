import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { OrderModule } from '../order/order.module';
import { BookingPolicy } from './application/booking-policy';
import { BookingSideEffects } from './application/booking-side-effects';
import { ChangeBooking } from './application/change-booking';
import { CreateBooking } from './application/create-booking';
import { GetAvailability } from './application/get-availability';
import { ManageTechnicians } from './application/manage-technicians';
import { ReadBookings } from './application/read-bookings';
import { VisitBooking } from './application/visit-booking';
import { BookingRepository, TechnicianRepository } from './domain/booking.ports';
import { TypeOrmBookingRepository } from './infrastructure/typeorm-booking.repository';
import { TypeOrmTechnicianRepository } from './infrastructure/typeorm-technician.repository';
import { BookingsController } from './presentation/bookings.controller';
import { TechniciansController } from './presentation/technicians.controller';

@Module({
  imports: [CatalogModule, IdentityModule, OrderModule],
  controllers: [BookingsController, TechniciansController],
  providers: [
    { provide: BookingRepository, useClass: TypeOrmBookingRepository },
    { provide: TechnicianRepository, useClass: TypeOrmTechnicianRepository },
    BookingPolicy,
    VisitBooking,
    GetAvailability,
    CreateBooking,
    ReadBookings,
    ChangeBooking,
    BookingSideEffects,
    ManageTechnicians,
  ],
})
export class BookingModule {}
