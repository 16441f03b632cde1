import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser, Public } from '../../../shared/presentation/auth.decorators';
import { UuidParam } from '../../../shared/presentation/validation';
import { VisitCalendar } from '../application/visit-calendar';
import { CalendarFeedDto, CalendarTokenQueryDto } from './dto/booking.dto';
import { ICALENDAR, icalendarResponse } from './visit-work.controller';

@ApiTags('bookings')
@Controller('calendar/technicians')
export class CalendarController {
  constructor(private readonly calendar: VisitCalendar) {}

  @Get(':id.ics')
  @Public()
  @Header('Content-Type', ICALENDAR)
  @ApiProduces('text/calendar')
  @ApiOperation({
    operationId: 'getTechnicianCalendar',
    summary: "A technician's upcoming visits as an iCalendar feed; the token in the URL is the only credential (calendar apps send no bearer token)",
  })
  @ApiOkResponse(icalendarResponse)
  getTechnicianCalendar(@UuidParam('id') id: string, @Query() query: CalendarTokenQueryDto): Promise<string> {
    return this.calendar.forTechnician(id, query.token);
  }

  @Post(':id/token')
  @Authenticated({ roles: ['technician', 'admin'] })
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateTechnicianCalendarToken', summary: 'Issue a new calendar feed secret; the previous URL stops working (the technician or an admin)' })
  @ApiOkResponse({ type: CalendarFeedDto })
  rotateTechnicianCalendarToken(@CurrentUser() actor: Actor, @UuidParam('id') id: string) {
    return this.calendar.rotateToken(actor, id);
  }
}
