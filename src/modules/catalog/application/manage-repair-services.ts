import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { Actor, isAdmin } from '../../../shared/domain/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { Page, PageRequest } from '../../../shared/domain/page';
import { RepairServiceRepository } from '../domain/catalog.ports';
import { RepairService, RepairServiceChanges } from '../domain/repair-service';

export interface RepairServiceView {
  id: string;
  name: string;
  description: string;
  basePrice: number;
  currency: string;
  serviceType: string;
  durationMinutes: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RepairServiceInput {
  name: string;
  description?: string;
  basePrice: number;
  serviceType: string;
  durationMinutes: number;
}

/** Repair services (seed 000): public reads of active ones, admin writes. */
@Injectable()
export class ManageRepairServices {
  constructor(
    private readonly services: RepairServiceRepository,
    private readonly config: AppConfig,
  ) {}

  async list(query: PageRequest & { serviceType?: string; includeInactive?: boolean }, actor?: Actor): Promise<Page<RepairServiceView>> {
    if (query.includeInactive && !isAdmin(actor)) throw new ForbiddenError('Only admins can list inactive services');
    const page = await this.services.list({ ...query, includeInactive: query.includeInactive ?? false });
    return { ...page, items: page.items.map((s) => this.toView(s)) };
  }

  async get(id: string, actor?: Actor): Promise<RepairServiceView> {
    const service = await this.services.findById(id);
    if (!service || (!service.snapshot().isActive && !isAdmin(actor))) throw new NotFoundError('Service', id);
    return this.toView(service);
  }

  async create(input: RepairServiceInput): Promise<RepairServiceView> {
    await this.checkType(input.serviceType);
    const service = RepairService.create({ ...input, description: input.description ?? '' });
    await this.services.save(service);
    return this.toView(service);
  }

  async update(id: string, changes: RepairServiceChanges): Promise<RepairServiceView> {
    const service = await this.services.findById(id);
    if (!service) throw new NotFoundError('Service', id);
    if (changes.serviceType !== undefined) await this.checkType(changes.serviceType);
    service.update(changes);
    await this.services.save(service);
    return this.toView(service);
  }

  async deactivate(id: string): Promise<void> {
    const service = await this.services.findById(id);
    if (!service) throw new NotFoundError('Service', id);
    service.deactivate();
    await this.services.save(service);
  }

  serviceTypes(): Promise<{ slug: string; name: string }[]> {
    return this.services.listServiceTypes();
  }

  private async checkType(slug: string): Promise<void> {
    if (!(await this.services.serviceTypeExists(slug))) throw new ValidationError('serviceType', `unknown service type "${slug}"`);
  }

  private toView(service: RepairService): RepairServiceView {
    const s = service.snapshot();
    return { ...s, currency: this.config.currency, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
  }
}
