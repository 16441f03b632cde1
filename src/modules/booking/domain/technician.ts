import { ValidationError } from '../../../shared/domain/domain-error';
import { checkWeeklyHours, compactWeeklyHours, Interval, WeeklyHours } from './schedule';
import { coversPostcode, normalizeServiceAreas } from './service-area';

export interface TimeOff extends Interval {
  reason: string | null;
}

export interface TechnicianProps {
  userId: string;
  skills: string[];
  workingHours: WeeklyHours;
  timeOff: TimeOff[];
  /** UK postcode areas ("N") and districts ("N1", "SW1A") they travel to; none means nowhere. */
  serviceAreas: string[];
  /** SHA-256 of the secret in their calendar subscription URL; null until one is issued. */
  calendarTokenHash: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A technician's profile: which appliance types they repair, when they work, when they are off. */
export class Technician {
  private constructor(private props: TechnicianProps) {}

  static create(input: { userId: string; skills: string[]; workingHours: WeeklyHours; timeOff?: TimeOff[]; serviceAreas?: string[] }): Technician {
    const now = new Date();
    const t = new Technician({
      ...input,
      timeOff: input.timeOff ?? [],
      serviceAreas: input.serviceAreas ?? [],
      calendarTokenHash: null,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    t.check();
    return t;
  }

  static restore(props: TechnicianProps): Technician {
    return new Technician({ ...props });
  }

  get userId(): string {
    return this.props.userId;
  }

  snapshot(): Readonly<TechnicianProps> {
    return { ...this.props };
  }

  canRepair(serviceTypes: string[]): boolean {
    return this.props.isActive && serviceTypes.every((t) => this.props.skills.includes(t));
  }

  covers(postcode: string): boolean {
    return coversPostcode(this.props.serviceAreas, postcode);
  }

  /** A new calendar secret replaces the old one, so the old subscription URL stops working. */
  rotateCalendarToken(hash: string): void {
    this.props.calendarTokenHash = hash;
    this.props.updatedAt = new Date();
  }

  update(changes: Partial<Pick<TechnicianProps, 'skills' | 'workingHours' | 'timeOff' | 'serviceAreas' | 'isActive'>>): void {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.props = { ...this.props, ...defined, updatedAt: new Date() };
    this.check();
  }

  private check(): void {
    if (this.props.skills.length === 0) throw new ValidationError('skills', 'must name at least one service type');
    this.props.skills = [...new Set(this.props.skills)].sort();
    this.props.workingHours = compactWeeklyHours(this.props.workingHours);
    this.props.serviceAreas = normalizeServiceAreas(this.props.serviceAreas);
    checkWeeklyHours(this.props.workingHours);
    for (const off of this.props.timeOff) {
      if (!(off.start < off.end)) throw new ValidationError('timeOff', 'each period must end after it starts');
    }
  }
}
