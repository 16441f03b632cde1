import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { Page, PageRequest } from '../../../shared/domain/page';
import { CatalogItems } from '../../catalog/application/catalog-items';
import { DirectoryEntry, UserDirectory } from '../../identity/application/user-directory';
import { BookingRepository, RatingSummary, TechnicianRepository } from '../domain/booking.ports';
import { WeeklyHours } from '../domain/schedule';
import { Technician, TimeOff } from '../domain/technician';

export interface TechnicianView {
  userId: string;
  fullName: string;
  email: string;
  skills: string[];
  workingHours: WeeklyHours;
  timeOff: { start: string; end: string; reason: string | null }[];
  serviceAreas: string[];
  /** Customers' ratings of their completed visits. */
  rating: RatingSummary;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TechnicianInput {
  skills?: string[];
  workingHours?: WeeklyHours;
  timeOff?: TimeOff[];
  serviceAreas?: string[];
  isActive?: boolean;
}

/** Admin: make a user a technician with skills, weekly hours and time off; list and change them. */
@Injectable()
export class ManageTechnicians {
  constructor(
    private readonly technicians: TechnicianRepository,
    private readonly users: UserDirectory,
    private readonly catalog: CatalogItems,
    private readonly unitOfWork: UnitOfWork,
    private readonly bookings: BookingRepository,
  ) {}

  async list(page: PageRequest): Promise<Page<TechnicianView>> {
    const result = await this.technicians.list(page);
    const ids = result.items.map((t) => t.userId);
    const users = await this.users.findMany(ids);
    const ratings = await this.bookings.ratingsOf(ids);
    return { ...result, items: result.items.map((t) => toView(t, users.get(t.userId), ratings.get(t.userId))) };
  }

  create(admin: Actor, userId: string, input: Required<Pick<TechnicianInput, 'skills' | 'workingHours'>> & TechnicianInput): Promise<TechnicianView> {
    return this.unitOfWork.run(async () => {
      if (await this.technicians.findById(userId)) throw new ConflictError('technician.exists', 'This user already has a technician profile');
      await this.checkSkills(input.skills);
      const user = await this.users.find(userId);
      if (!user) throw new NotFoundError('User', userId);
      if (!user.isActive) throw new ConflictError('technician.user_inactive', 'A deactivated user cannot become a technician');
      await this.users.makeTechnician(userId, admin.userId);
      const technician = Technician.create({
        userId,
        skills: input.skills,
        workingHours: input.workingHours,
        timeOff: input.timeOff,
        serviceAreas: input.serviceAreas,
      });
      await this.technicians.save(technician);
      return this.view(technician);
    });
  }

  update(userId: string, input: TechnicianInput): Promise<TechnicianView> {
    return this.unitOfWork.run(async () => {
      const technician = await this.technicians.findById(userId);
      if (!technician) throw new NotFoundError('Technician', userId);
      if (input.skills) await this.checkSkills(input.skills);
      technician.update(input);
      await this.technicians.save(technician);
      return this.view(technician);
    });
  }

  private async checkSkills(skills: string[]): Promise<void> {
    const known = await this.catalog.serviceTypes();
    const unknown = skills.filter((s) => !known.includes(s));
    if (unknown.length) throw new ValidationError('skills', `unknown service types: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  }

  private async view(t: Technician): Promise<TechnicianView> {
    return toView(t, (await this.users.find(t.userId)) ?? undefined, (await this.bookings.ratingsOf([t.userId])).get(t.userId));
  }

}

function toView(t: Technician, user: DirectoryEntry | undefined, rating: RatingSummary | undefined): TechnicianView {
  const s = t.snapshot();
  return {
    userId: s.userId,
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    skills: s.skills,
    workingHours: s.workingHours,
    timeOff: s.timeOff.map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString(), reason: o.reason })),
    serviceAreas: s.serviceAreas,
    rating: rating ?? { average: null, count: 0 },
    isActive: s.isActive,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
