import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { AppConfig } from '../../../config/config';
import { Actor } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { ValidationError } from '../../../shared/domain/domain-error';
import { Authenticated, CurrentUser, Public } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { ChangeBooking } from '../application/change-booking';
import { GetAvailability } from '../application/get-availability';
import { ReadBookings } from '../application/read-bookings';
import {
  AssignDto,
  AvailabilityDto,
  AvailabilityQueryDto,
  BookingDto,
  BookingQueryDto,
  BookingStatusDto,
  CancelBookingDto,
  RescheduleDto,
} from './dto/booking.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

@ApiTags('bookings')
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly availability: GetAvailability,
    private readonly read: ReadBookings,
    private readonly change: ChangeBooking,
    private readonly config: AppConfig,
  ) {}

  @Get('availability')
  @Public()
  @ApiOperation({ operationId: 'getAvailability', summary: 'Free visit start times for a repair service on a day or a range of days' })
  @ApiProblems({ 404: 'The repair service does not exist' })
  @ApiOkResponse({ type: AvailabilityDto })
  getAvailability(@Query() query: AvailabilityQueryDto) {
    return this.availability.execute(query);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listBookings', summary: 'Your visits (technicians: assigned to you; admins: all, filterable)' })
  @ApiPageResponse(BookingDto)
  listBookings(@CurrentUser() actor: Actor, @Query() query: BookingQueryDto): Promise<Page<BookingDto>> {
    const zone = this.config.booking.timeZone;
    let from = query.from ? new Date(query.from) : undefined;
    let to = query.to ? new Date(query.to) : undefined;
    if (query.date) {
      const day = DateTime.fromISO(query.date, { zone });
      if (!day.isValid) throw new ValidationError('date', 'must be a date YYYY-MM-DD');
      from = day.startOf('day').toJSDate();
      to = day.plus({ days: 1 }).startOf('day').toJSDate();
    }
    return this.read.list(actor, { page: query.page, limit: query.limit, status: query.status, technicianId: query.technicianId, from, to });
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ operationId: 'getBooking', summary: 'A visit (its customer, its technician, or an admin)' })
  @ApiOkResponse({ type: BookingDto })
  getBooking(@CurrentUser() actor: Actor, @UuidParam('id') id: string): Promise<BookingDto> {
    return this.read.get(actor, id);
  }

  @Post(':id/reschedule')
  @Authenticated({ roles: ['customer', 'admin'] })
  @HttpCode(200)
  @ApiOperation({ operationId: 'rescheduleBooking', summary: 'Move a visit to another free start' })
  @ApiProblems({ 409: 'The visit can no longer be changed, or the start is taken (suggestions)', 422: 'The start is off the grid, too soon, too far ahead, or outside working hours' })
  @ApiOkResponse({ type: BookingDto })
  rescheduleBooking(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: RescheduleDto): Promise<BookingDto> {
    return this.change.reschedule(actor, id, new Date(dto.start));
  }

  @Post(':id/cancel')
  @Authenticated({ roles: ['customer', 'admin'] })
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelBooking', summary: 'Cancel a visit (customers: until the cutoff); its order is cancelled and refunded' })
  @ApiProblems({ 409: 'The visit can no longer be cancelled (status or cutoff)' })
  @ApiOkResponse({ type: BookingDto })
  cancelBooking(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: CancelBookingDto): Promise<BookingDto> {
    return this.change.cancel(actor, id, dto.reason ?? null);
  }

  @Patch(':id/status')
  @Authenticated({ roles: ['technician', 'admin'] })
  @ApiOperation({ operationId: 'updateBookingStatus', summary: 'Start or complete a visit (its technician or an admin); completing needs the visit report and bills the parts used' })
  @ApiProblems({ 409: 'The visit cannot move to that status (allowed lists what can)' })
  @ApiOkResponse({ type: BookingDto })
  updateBookingStatus(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: BookingStatusDto): Promise<BookingDto> {
    return this.change.progress(actor, id, dto.status, dto.report ? { ...dto.report, recommendations: dto.report.recommendations ?? null } : undefined);
  }

  @Post(':id/assign')
  @Authenticated({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({ operationId: 'assignBooking', summary: 'Reassign a visit to another free skilled technician (admin)' })
  @ApiProblems({ 409: 'That technician is busy then', 422: 'That technician cannot do these services then' })
  @ApiOkResponse({ type: BookingDto })
  assignBooking(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: AssignDto): Promise<BookingDto> {
    return this.change.assign(actor, id, dto.technicianId);
  }
}
