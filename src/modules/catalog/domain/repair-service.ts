import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../../shared/domain/domain-error';
import { PRODUCT_MAX_PRICE } from './product';

export const SERVICE_MIN_MINUTES = 15;
export const SERVICE_MAX_MINUTES = 480;

export interface RepairServiceProps {
  id: string;
  name: string;
  description: string;
  basePrice: number;
  serviceType: string;
  durationMinutes: number;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type RepairServiceChanges = Partial<Pick<RepairServiceProps, 'name' | 'description' | 'basePrice' | 'serviceType' | 'durationMinutes' | 'isActive'>>;

/** A repair visit type the shop sells (seed 000's Services): priced, typed, with a duration. */
export class RepairService {
  private constructor(private props: RepairServiceProps) {}

  static create(input: Omit<RepairServiceProps, 'id' | 'isActive' | 'createdAt' | 'updatedAt'>): RepairService {
    RepairService.check(input);
    const now = new Date();
    return new RepairService({ ...input, id: randomUUID(), isActive: true, createdAt: now, updatedAt: now });
  }

  static restore(props: RepairServiceProps): RepairService {
    return new RepairService({ ...props });
  }

  private static check(p: RepairServiceChanges): void {
    if (p.basePrice !== undefined && (!Number.isSafeInteger(p.basePrice) || p.basePrice < 0 || p.basePrice > PRODUCT_MAX_PRICE)) {
      throw new ValidationError('basePrice', `must be a whole number of pence from 0 to ${PRODUCT_MAX_PRICE}`);
    }
    if (
      p.durationMinutes !== undefined &&
      (!Number.isInteger(p.durationMinutes) || p.durationMinutes < SERVICE_MIN_MINUTES || p.durationMinutes > SERVICE_MAX_MINUTES || p.durationMinutes % 15 !== 0)
    ) {
      throw new ValidationError('durationMinutes', `must be a multiple of 15 from ${SERVICE_MIN_MINUTES} to ${SERVICE_MAX_MINUTES}`);
    }
  }

  get id(): string {
    return this.props.id;
  }

  snapshot(): Readonly<RepairServiceProps> {
    return { ...this.props };
  }

  update(changes: RepairServiceChanges): void {
    RepairService.check(changes);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.props = { ...this.props, ...defined, updatedAt: new Date() };
  }

  deactivate(): void {
    this.props.isActive = false;
    this.props.updatedAt = new Date();
  }
}
