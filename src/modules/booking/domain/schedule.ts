import { DateTime } from 'luxon';
import { ValidationError } from '../../../shared/domain/domain-error';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times "HH:MM" in the store's time zone. */
export interface WorkingInterval {
  start: string;
  end: string;
}
export type WeeklyHours = Partial<Record<Weekday, WorkingInterval[]>>;

/** A half-open instant interval [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The days that have hours. A day present but undefined (as a parsed request body has for every
 * weekday it does not name) means no hours that day, not a malformed day.
 */
export function compactWeeklyHours(hours: WeeklyHours): WeeklyHours {
  return Object.fromEntries(Object.entries(hours).filter(([, intervals]) => intervals !== undefined));
}

export function checkWeeklyHours(hours: WeeklyHours, field = 'workingHours'): void {
  for (const [day, intervals] of Object.entries(hours)) {
    if (!WEEKDAYS.includes(day as Weekday)) throw new ValidationError(field, `unknown weekday "${day}" (use ${WEEKDAYS.join(', ')})`);
    if (!Array.isArray(intervals) || intervals.length > 4) throw new ValidationError(`${field}.${day}`, 'must be a list of at most 4 intervals');
    const sorted = [...intervals].sort((a, b) => a.start.localeCompare(b.start));
    sorted.forEach((iv, i) => {
      if (!HHMM.test(iv?.start ?? '') || !HHMM.test(iv?.end ?? '')) throw new ValidationError(`${field}.${day}`, 'times must be HH:MM');
      if (minutesOf(iv.start) >= minutesOf(iv.end)) throw new ValidationError(`${field}.${day}`, 'each interval must end after it starts');
      if (i > 0 && minutesOf(sorted[i - 1].end) > minutesOf(iv.start)) throw new ValidationError(`${field}.${day}`, 'intervals must not overlap');
    });
  }
}

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

/** The instant of a local wall-clock time on a local date, or null when that time does not exist (DST gap). */
export function localInstant(date: string, minutes: number, zone: string): Date | null {
  const day = DateTime.fromISO(date, { zone });
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  if (hour === 24) return day.plus({ days: 1 }).startOf('day').toJSDate();
  const dt = day.set({ hour, minute, second: 0, millisecond: 0 });
  return dt.hour === hour && dt.minute === minute ? dt.toJSDate() : null;
}

export function weekdayOf(date: string, zone: string): Weekday {
  return WEEKDAYS[DateTime.fromISO(date, { zone }).weekday - 1];
}

/** The local date ("YYYY-MM-DD") an instant falls on in the store's zone. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** A technician's working intervals on one local date, as instants (correct across DST changes). */
export function workingIntervalsOn(hours: WeeklyHours, date: string, zone: string): Interval[] {
  return (hours[weekdayOf(date, zone)] ?? []).flatMap((iv) => {
    const start = localInstant(date, minutesOf(iv.start), zone) ?? localInstant(date, minutesOf(iv.start) + 60, zone);
    const end = localInstant(date, minutesOf(iv.end), zone) ?? localInstant(date, minutesOf(iv.end) + 60, zone);
    return start && end && start < end ? [{ start, end }] : [];
  });
}

export interface TechnicianAvailability {
  technicianId: string;
  workingHours: WeeklyHours;
  timeOff: Interval[];
  /** Existing non-cancelled visits, each already extended by the buffer that follows it. */
  busy: Interval[];
}

export interface SlotRules {
  zone: string;
  gridMinutes: number;
  bufferMinutes: number;
  /** Nothing may start before this instant (now + lead time). */
  earliest: Date;
  /** Nor after this one (now + the booking horizon). */
  latest: Date;
}

export interface Slot {
  start: Date;
  end: Date;
  technicianIds: string[];
}

const MINUTE = 60_000;

/** Whether one technician can take a visit [start, start + duration): works then, not off, not busy (with buffer). */
export function canTake(t: TechnicianAvailability, start: Date, durationMinutes: number, rules: SlotRules): boolean {
  const visit = { start, end: new Date(start.getTime() + durationMinutes * MINUTE) };
  const blocked = { start, end: new Date(visit.end.getTime() + rules.bufferMinutes * MINUTE) };
  const date = localDateOf(start, rules.zone);
  const inHours = workingIntervalsOn(t.workingHours, date, rules.zone).some((w) => w.start <= visit.start && visit.end <= w.end);
  return inHours && !t.timeOff.some((o) => overlaps(o, visit)) && !t.busy.some((b) => overlaps(b, blocked));
}

/** Whether `start` lies on the local grid (minutes since local midnight divisible by the grid). */
export function onGrid(start: Date, rules: SlotRules): boolean {
  const local = DateTime.fromJSDate(start, { zone: rules.zone });
  return local.second === 0 && local.millisecond === 0 && (local.hour * 60 + local.minute) % rules.gridMinutes === 0;
}

/**
 * Start times on one local date at which at least one technician can take a visit of
 * `durationMinutes`. The grid is laid in local wall-clock time, so a DST change moves instants,
 * not the 09:00, 09:30... the shop advertises; grid times that do not exist that day are skipped.
 */
export function availableSlots(date: string, durationMinutes: number, technicians: TechnicianAvailability[], rules: SlotRules): Slot[] {
  const slots: Slot[] = [];
  for (let minutes = 0; minutes < 24 * 60; minutes += rules.gridMinutes) {
    const start = localInstant(date, minutes, rules.zone);
    if (!start || start < rules.earliest || start > rules.latest) continue;
    const technicianIds = technicians.filter((t) => canTake(t, start, durationMinutes, rules)).map((t) => t.technicianId);
    if (technicianIds.length) slots.push({ start, end: new Date(start.getTime() + durationMinutes * MINUTE), technicianIds });
  }
  return slots;
}
