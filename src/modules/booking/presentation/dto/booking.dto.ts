import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { BoolField, DateTimeField, EnumField, IntField, IntQuery, NestedField, StringField, UuidField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';
import { BOOKING_STATUSES, BookingStatus } from '../../domain/booking';
import { MAX_SERVICE_QUANTITY } from '../../application/visit-booking';
import type { BookingView } from '../../application/booking.views';
import type { TechnicianView } from '../../application/manage-technicians';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class AvailabilityQueryDto {
  @UuidField({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b' }) readonly serviceId!: string;
  @StringField({ example: '2026-12-01', maxLength: 10, pattern: DATE, optional: true, description: 'A local date in the store time zone' }) readonly date?: string;
  @StringField({ example: '2026-12-01', maxLength: 10, pattern: DATE, optional: true, description: 'Range start (instead of date)' }) readonly from?: string;
  @StringField({ example: '2026-12-07', maxLength: 10, pattern: DATE, optional: true, description: 'Range end, inclusive (at most 14 days)' }) readonly to?: string;
  @IntQuery({ example: 1, min: 1, max: MAX_SERVICE_QUANTITY, default: 1, description: 'Appliances to repair (the visit lasts that much longer)' })
  readonly quantity: number = 1;
  @StringField({ example: 'N1 1AA', maxLength: 10, optional: true, description: "The visit's UK postcode: only technicians covering it are offered" })
  readonly postcode?: string;
}

export class BookingItemInputDto {
  @UuidField({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b' }) readonly serviceId!: string;
  @IntField({ example: 1, min: 1, max: MAX_SERVICE_QUANTITY }) readonly quantity!: number;
}

export class CreateBookingDto {
  @NestedField(() => BookingItemInputDto, { example: [{ serviceId: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b', quantity: 1 }], isArray: true, maxItems: 5 })
  readonly items!: BookingItemInputDto[];
  @DateTimeField({ example: '2026-12-01T09:00:00Z', description: 'A free start from GET bookings/availability' }) readonly start!: string;
  @StringField({ example: '221B Baker Street, London NW1 6XE', minLength: 5, maxLength: 500, description: 'Must contain a valid UK postcode that a technician covers' })
  readonly address!: string;
  @StringField({ example: 'Washer leaks from the door', maxLength: 1000, optional: true }) readonly notes?: string;
}

export class RescheduleDto {
  @DateTimeField({ example: '2026-12-02T13:00:00Z' }) readonly start!: string;
}

export class AssignDto {
  @UuidField({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11' }) readonly technicianId!: string;
}

export class CancelBookingDto {
  @StringField({ example: 'Fixed it myself', maxLength: 500, optional: true }) readonly reason?: string;
}

export class VisitReportDto {
  @StringField({ example: 'Drain pump seized by a coin', minLength: 1, maxLength: 4000 }) readonly diagnosis!: string;
  @StringField({ example: 'Replaced the drain pump, tested a full cycle', minLength: 1, maxLength: 4000 }) readonly workDone!: string;
  @StringField({ example: 'Empty pockets before washing', maxLength: 4000, optional: true, nullable: true }) readonly recommendations?: string | null;
}

export class BookingStatusDto {
  @EnumField(['in_progress', 'completed'] as const, { example: 'in_progress', enumName: 'VisitProgress' }) readonly status!: 'in_progress' | 'completed';
  @NestedField(() => VisitReportDto, {
    example: { diagnosis: 'Drain pump seized', workDone: 'Replaced the drain pump', recommendations: null },
    optional: true,
    description: 'Required to complete a visit',
  })
  readonly report?: VisitReportDto;
}

export class RecordPartDto {
  @UuidField({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b' }) readonly productId!: string;
  @IntField({ example: 1, min: 1, max: 99 }) readonly quantity!: number;
}

export class VisitPartDto {
  @ApiProperty({ example: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b', format: 'uuid' }) readonly productId!: string;
  @ApiProperty({ example: 'Drain pump' }) readonly name!: string;
  @ApiProperty({ example: 1 }) readonly quantity!: number;
  @ApiProperty({ example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', nullable: true, type: String }) readonly recordedBy!: string | null;
  @ApiProperty({ example: '2026-12-01T09:40:00.000Z', format: 'date-time' }) readonly createdAt!: string;
}

export class RateVisitDto {
  @IntField({ example: 5, min: 1, max: 5 }) readonly rating!: number;
  @StringField({ example: 'Quick and tidy', maxLength: 2000, optional: true }) readonly comment?: string;
}

export class CalendarTokenQueryDto {
  @StringField({ example: 'q3Zx...', minLength: 1, maxLength: 200, description: 'The secret from POST calendar/technicians/{id}/token' }) readonly token!: string;
}

export class CalendarFeedDto {
  @ApiProperty({ example: 'q3Zx8m...', description: 'Shown once; rotating it again makes the old URL stop working' }) readonly token!: string;
  @ApiProperty({ example: '/api/v1/calendar/technicians/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d.ics?token=q3Zx8m...' }) readonly url!: string;
}

export class BookingQueryDto extends PageQueryDto {
  @EnumField(BOOKING_STATUSES, { example: 'confirmed', enumName: 'BookingStatus', optional: true }) readonly status?: BookingStatus;
  @UuidField({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', optional: true, description: 'Admins only' }) readonly technicianId?: string;
  @StringField({ example: '2026-12-01', maxLength: 10, pattern: DATE, optional: true, description: 'One local day (a schedule)' }) readonly date?: string;
  @DateTimeField({ example: '2026-12-01T00:00:00Z', optional: true }) readonly from?: string;
  @DateTimeField({ example: '2026-12-08T00:00:00Z', optional: true }) readonly to?: string;
}

export class IntervalDto {
  @StringField({ example: '09:00', maxLength: 5, pattern: HHMM }) readonly start!: string;
  @StringField({ example: '17:00', maxLength: 5, pattern: HHMM }) readonly end!: string;
}

const dayField = () =>
  function (target: object, key: string) {
    ApiPropertyOptional({ type: () => IntervalDto, isArray: true, example: [{ start: '09:00', end: '17:00' }] })(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(4)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => IntervalDto)(target, key);
  };

export class WeeklyHoursDto {
  @dayField() readonly mon?: IntervalDto[];
  @dayField() readonly tue?: IntervalDto[];
  @dayField() readonly wed?: IntervalDto[];
  @dayField() readonly thu?: IntervalDto[];
  @dayField() readonly fri?: IntervalDto[];
  @dayField() readonly sat?: IntervalDto[];
  @dayField() readonly sun?: IntervalDto[];
}

export class TimeOffDto {
  @DateTimeField({ example: '2026-12-24T00:00:00Z' }) readonly start!: string;
  @DateTimeField({ example: '2026-12-27T00:00:00Z' }) readonly end!: string;
  @StringField({ example: 'Holiday', maxLength: 200, optional: true }) readonly reason?: string;
}

export class CreateTechnicianDto {
  @UuidField({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', description: 'An existing user; becomes a technician' }) readonly userId!: string;
  @ApiProperty({ example: ['washer', 'dryer'], type: String, isArray: true, description: 'Service types they repair' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  readonly skills!: string[];
  @NestedField(() => WeeklyHoursDto, { example: { mon: [{ start: '09:00', end: '17:00' }] } }) readonly workingHours!: WeeklyHoursDto;
  @NestedField(() => TimeOffDto, { example: [{ start: '2026-12-24T00:00:00Z', end: '2026-12-27T00:00:00Z', reason: 'Holiday' }], isArray: true, maxItems: 50, optional: true })
  readonly timeOff?: TimeOffDto[];
  @ApiPropertyOptional({ example: ['N1', 'N7', 'EC'], type: String, isArray: true, description: 'UK postcode areas (N) or districts (N1, SW1A) they cover; none covers nowhere' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(8, { each: true })
  readonly serviceAreas?: string[];
}

export class UpdateTechnicianDto {
  @ApiPropertyOptional({ example: ['washer', 'dryer', 'fridge'], type: String, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  readonly skills?: string[];
  @NestedField(() => WeeklyHoursDto, { example: { sat: [{ start: '09:00', end: '13:00' }] }, optional: true }) readonly workingHours?: WeeklyHoursDto;
  @ApiPropertyOptional({ type: () => TimeOffDto, isArray: true, example: [], description: 'Replaces the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TimeOffDto)
  readonly timeOff?: TimeOffDto[];
  @ApiPropertyOptional({ example: ['N1', 'N7', 'EC'], type: String, isArray: true, description: 'UK postcode areas (N) or districts (N1, SW1A) they cover; none covers nowhere' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(8, { each: true })
  readonly serviceAreas?: string[];
  @BoolField({ example: true, optional: true }) readonly isActive?: boolean;
}

class BookingItemDto implements Readonly<BookingView['items'][number]> {
  @ApiProperty({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b' }) readonly serviceId!: string;
  @ApiProperty({ example: 'Washing machine repair' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 1 }) readonly quantity!: number;
  @ApiProperty({ type: 'integer', example: 8900 }) readonly unitPrice!: number;
  @ApiProperty({ type: 'integer', example: 90 }) readonly durationMinutes!: number;
}

class VisitReportViewDto {
  @ApiProperty({ example: 'Drain pump seized by a coin' }) readonly diagnosis!: string;
  @ApiProperty({ example: 'Replaced the drain pump' }) readonly workDone!: string;
  @ApiProperty({ example: 'Empty pockets before washing', nullable: true, type: String }) readonly recommendations!: string | null;
}

class VisitRatingDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 5 }) readonly rating!: number;
  @ApiProperty({ example: 'Quick and tidy', nullable: true, type: String }) readonly comment!: string | null;
  @ApiProperty({ example: '2026-12-01T12:00:00.000Z', format: 'date-time' }) readonly ratedAt!: string;
}

/** The one declaration of a visit on the wire: the controller returns it, the view must match it. */
export class BookingDto implements Readonly<BookingView> {
  @ApiProperty({ example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f', format: 'uuid' }) readonly orderId!: string;
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', nullable: true, type: String }) readonly customerId!: string | null;
  @ApiProperty({ example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', format: 'uuid' }) readonly technicianId!: string;
  @ApiProperty({ example: 'pending', enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) readonly status!: BookingStatus;
  @ApiProperty({ example: '2026-12-01T09:00:00.000Z', format: 'date-time' }) readonly start!: string;
  @ApiProperty({ example: '2026-12-01T10:30:00.000Z', format: 'date-time' }) readonly end!: string;
  @ApiProperty({ type: 'integer', example: 90 }) readonly durationMinutes!: number;
  @ApiProperty({ example: '221B Baker Street, London NW1 6XE' }) readonly address!: string;
  @ApiProperty({ example: 'NW1 6XE', nullable: true, type: String, description: 'Normalized; null for visits booked before service areas' })
  readonly postcode!: string | null;
  @ApiProperty({ example: 'Washer leaks from the door', nullable: true, type: String }) readonly notes!: string | null;
  @ApiProperty({ type: () => BookingItemDto, isArray: true }) readonly items!: BookingItemDto[];
  @ApiProperty({ type: () => VisitReportViewDto, nullable: true, description: "The technician's report, once completed" }) readonly report!: VisitReportViewDto | null;
  @ApiProperty({ type: () => VisitRatingDto, nullable: true }) readonly rating!: VisitRatingDto | null;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'uuid', description: 'The order charging the parts used, once completed' })
  readonly followUpOrderId!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

class BookingOrderDto {
  @ApiProperty({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f' }) readonly id!: string;
  @ApiProperty({ type: 'integer', example: 100042 }) readonly number!: number;
  @ApiProperty({ type: 'integer', example: 8900 }) readonly total!: number;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
}

export class CreatedBookingDto extends BookingDto {
  @ApiProperty({ type: () => BookingOrderDto, description: 'The order to pay (POST payments/create-intent)' }) readonly order!: BookingOrderDto;
}

class SlotDto {
  @ApiProperty({ example: '2026-12-01T09:00:00.000Z' }) readonly start!: string;
  @ApiProperty({ example: '2026-12-01T10:30:00.000Z' }) readonly end!: string;
  @ApiProperty({ type: 'integer', example: 2, description: 'Technicians free at that start' }) readonly technicians!: number;
}

class AvailabilityDayDto {
  @ApiProperty({ example: '2026-12-01' }) readonly date!: string;
  @ApiProperty({ type: () => SlotDto, isArray: true }) readonly slots!: SlotDto[];
}

export class AvailabilityDto {
  @ApiProperty({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b' }) readonly serviceId!: string;
  @ApiProperty({ type: 'integer', example: 90 }) readonly durationMinutes!: number;
  @ApiProperty({ example: 'Europe/London' }) readonly timeZone!: string;
  @ApiProperty({ example: 'N1 1AA', nullable: true, type: String }) readonly postcode!: string | null;
  @ApiProperty({ type: () => AvailabilityDayDto, isArray: true }) readonly days!: AvailabilityDayDto[];
}

class TechnicianRatingDto {
  @ApiProperty({ example: 4.5, nullable: true, type: Number, description: 'Average of 1-5 ratings; null when unrated' }) readonly average!: number | null;
  @ApiProperty({ example: 12 }) readonly count!: number;
}

class TimeOffViewDto implements Readonly<TechnicianView['timeOff'][number]> {
  @ApiProperty({ example: '2026-12-24T00:00:00.000Z', format: 'date-time' }) readonly start!: string;
  @ApiProperty({ example: '2026-12-27T00:00:00.000Z', format: 'date-time' }) readonly end!: string;
  @ApiProperty({ example: 'Holiday', nullable: true, type: String }) readonly reason!: string | null;
}

/** The one declaration of a technician on the wire: the controller returns it, the view must match it. */
export class TechnicianDto implements Readonly<TechnicianView> {
  @ApiProperty({ example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' }) readonly userId!: string;
  @ApiProperty({ example: 'Tom Technician' }) readonly fullName!: string;
  @ApiProperty({ example: 'technician@example.com' }) readonly email!: string;
  @ApiProperty({ example: ['washer', 'dryer'], type: String, isArray: true }) readonly skills!: string[];
  @ApiProperty({ type: () => WeeklyHoursDto }) readonly workingHours!: WeeklyHoursDto;
  @ApiProperty({ type: () => TimeOffViewDto, isArray: true }) readonly timeOff!: TimeOffViewDto[];
  @ApiProperty({ example: ['N1', 'N7', 'EC'], type: String, isArray: true }) readonly serviceAreas!: string[];
  @ApiProperty({ type: () => TechnicianRatingDto }) readonly rating!: TechnicianRatingDto;
  @ApiProperty({ example: true }) readonly isActive!: boolean;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}
