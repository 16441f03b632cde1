import { Body, Controller, Delete, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { UuidParam } from '../../../shared/presentation/validation';
import { RateVisit } from '../application/rate-visit';
import { VisitCalendar } from '../application/visit-calendar';
import { VisitParts } from '../application/visit-parts';
import { BookingDto, RateVisitDto, RecordPartDto, VisitPartDto } from './dto/booking.dto';

export const ICALENDAR = 'text/calendar; charset=utf-8';
export const icalendarResponse = { description: 'An iCalendar (RFC 5545) document', content: { 'text/calendar': { schema: { type: 'string' as const } } } };

/** What happens on and after a visit: parts used, the customer's rating, the visit in a calendar. */
@ApiTags('bookings')
@Controller('bookings')
export class VisitWorkController {
  constructor(
    private readonly parts: VisitParts,
    private readonly rating: RateVisit,
    private readonly calendar: VisitCalendar,
  ) {}

  @Get(':id/parts')
  @Authenticated()
  @ApiOperation({ operationId: 'listVisitParts', summary: 'Parts used on a visit (its customer, its technician, or an admin)' })
  @ApiOkResponse({ type: VisitPartDto, isArray: true })
  listVisitParts(@CurrentUser() actor: Actor, @UuidParam('id') id: string) {
    return this.parts.list(actor, id);
  }

  @Post(':id/parts')
  @Authenticated({ roles: ['technician', 'admin'] })
  @ApiOperation({ operationId: 'recordVisitPart', summary: 'Record a part used on a visit in progress; it leaves stock at once (its technician or an admin)' })
  @ApiProblems({ 404: 'The visit or the product does not exist', 409: 'The visit is not in progress, the stock ran short, or the per-product limit is reached' })
  @ApiCreatedResponse({ type: VisitPartDto })
  recordVisitPart(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: RecordPartDto) {
    return this.parts.record(actor, id, dto);
  }

  @Delete(':id/parts/:partId')
  @Authenticated({ roles: ['technician', 'admin'] })
  @HttpCode(204)
  @ApiOperation({ operationId: 'removeVisitPart', summary: 'Remove a mistaken part entry before completion; the stock comes back' })
  @ApiProblems({ 409: 'The visit is no longer in progress' })
  @ApiNoContentResponse({ description: 'Removed' })
  async removeVisitPart(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @UuidParam('partId') partId: string): Promise<void> {
    await this.parts.remove(actor, id, partId);
  }

  @Post(':id/rating')
  @Authenticated()
  @ApiOperation({ operationId: 'rateVisit', summary: 'Rate a completed visit once, 1-5 (its customer)' })
  @ApiProblems({ 403: "Only the visit's customer rates it", 409: 'The visit is not completed yet, or was already rated' })
  @ApiCreatedResponse({ type: BookingDto })
  rateVisit(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: RateVisitDto) {
    return this.rating.execute(actor, id, dto);
  }

  @Get(':id/calendar.ics')
  @Authenticated()
  @Header('Content-Type', ICALENDAR)
  @ApiProduces('text/calendar')
  @ApiOperation({ operationId: 'getVisitCalendar', summary: 'The visit as an iCalendar event (its customer, its technician, or an admin)' })
  @ApiOkResponse(icalendarResponse)
  getVisitCalendar(@CurrentUser() actor: Actor, @UuidParam('id') id: string): Promise<string> {
    return this.calendar.forBooking(actor, id);
  }
}
