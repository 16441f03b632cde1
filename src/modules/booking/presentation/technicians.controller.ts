import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse, PageQueryDto } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { ManageTechnicians } from '../application/manage-technicians';
import { WeeklyHours } from '../domain/schedule';
import { CreateTechnicianDto, TechnicianDto, TimeOffDto, UpdateTechnicianDto } from './dto/booking.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

const timeOff = (list?: TimeOffDto[]) => list?.map((o) => ({ start: new Date(o.start), end: new Date(o.end), reason: o.reason ?? null }));

@ApiTags('admin')
@Controller('admin/technicians')
@Authenticated({ roles: ['admin'] })
export class TechniciansController {
  constructor(private readonly technicians: ManageTechnicians) {}

  @Get()
  @ApiOperation({ operationId: 'listTechnicians', summary: 'Technicians with their skills, hours, service areas and average rating (admin)' })
  @ApiPageResponse(TechnicianDto)
  listTechnicians(@Query() page: PageQueryDto) {
    return this.technicians.list(page);
  }

  @Post()
  @ApiOperation({ operationId: 'createTechnician', summary: 'Make a user a technician with skills and weekly working hours (admin)' })
  @ApiProblems({ 404: 'The user does not exist', 409: 'The user already is a technician, or is deactivated' })
  @ApiCreatedResponse({ type: TechnicianDto })
  createTechnician(@CurrentUser() actor: Actor, @Body() dto: CreateTechnicianDto): Promise<TechnicianDto> {
    return this.technicians.create(actor, dto.userId, {
      skills: dto.skills,
      workingHours: dto.workingHours as WeeklyHours,
      timeOff: timeOff(dto.timeOff),
      serviceAreas: dto.serviceAreas,
    });
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateTechnician', summary: "Change a technician's skills, hours, time off or activity (admin)" })
  @ApiOkResponse({ type: TechnicianDto })
  updateTechnician(@UuidParam('id') id: string, @Body() dto: UpdateTechnicianDto): Promise<TechnicianDto> {
    return this.technicians.update(id, {
      skills: dto.skills,
      workingHours: dto.workingHours as WeeklyHours | undefined,
      timeOff: timeOff(dto.timeOff),
      serviceAreas: dto.serviceAreas,
      isActive: dto.isActive,
    });
  }
}
