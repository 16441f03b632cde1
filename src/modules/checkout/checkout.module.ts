import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { CartModule } from '../cart/cart.module';
import { CatalogModule } from '../catalog/catalog.module';
import { OrderModule } from '../order/order.module';
import { Checkout } from './application/checkout';
import { CheckoutQuotes } from './application/checkout-quotes';
import { CheckoutBookingsController } from './presentation/checkout-bookings.controller';
import { CheckoutOrdersController } from './presentation/checkout-orders.controller';

/** The one orchestration above cart, order and booking: POST orders and POST bookings. Nothing depends on it. */
@Module({
  imports: [CartModule, CatalogModule, OrderModule, BookingModule],
  controllers: [CheckoutOrdersController, CheckoutBookingsController],
  providers: [CheckoutQuotes, Checkout],
})
export class CheckoutModule {}
