import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ClientAddress } from '../../../shared/presentation/client-address';
import { Idempotent } from '../../../shared/presentation/idempotency.interceptor';
import { CreateBookingDto, CreatedBookingDto } from '../../booking/presentation/dto/booking.dto';
import { Checkout } from '../application/checkout';

/** POST bookings: the booking context's resource, created by the checkout with service items only (a visit is always paid through an order). */
@ApiTags('bookings')
@Controller('bookings')
export class CheckoutBookingsController {
  constructor(private readonly checkout: Checkout) {}

  @Post()
  @Authenticated()
  @Idempotent()
  @ApiOperation({ operationId: 'createBooking', summary: 'Book a repair visit: a technician is assigned and an order is created to pay' })
  @ApiProblems({ 404: 'A repair service does not exist', 409: 'The start was taken meanwhile (suggestions name the next free starts)', 422: 'The start is off the grid, too soon, too far ahead, or outside working hours' })
  @ApiCreatedResponse({ type: CreatedBookingDto })
  createBooking(@CurrentUser() actor: Actor, @Body() dto: CreateBookingDto, @ClientAddress() clientAddress?: string): Promise<CreatedBookingDto> {
    return this.checkout.bookVisit(actor, dto, clientAddress);
  }
}
