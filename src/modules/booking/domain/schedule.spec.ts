import { availableSlots, canTake, checkWeeklyHours, SlotRules, TechnicianAvailability, workingIntervalsOn } from './schedule';

const zone = 'Europe/London';
const rules = (earliest = new Date('2020-01-01T00:00:00Z'), latest = new Date('2030-01-01T00:00:00Z')): SlotRules => ({
  zone,
  gridMinutes: 30,
  bufferMinutes: 15,
  earliest,
  latest,
});
const tech = (over: Partial<TechnicianAvailability> = {}): TechnicianAvailability => ({
  technicianId: 't1',
  workingHours: { mon: [{ start: '09:00', end: '12:00' }], sun: [{ start: '00:00', end: '04:00' }], sat: [{ start: '09:00', end: '11:00' }] },
  timeOff: [],
  busy: [],
  ...over,
});
const starts = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());

describe('slot arithmetic', () => {
  it('lays the grid inside working hours so the visit ends in time (winter, GMT)', () => {
    // Monday 2026-01-05: 09:00-12:00 GMT, 60-minute visit -> last start 11:00
    expect(starts(availableSlots('2026-01-05', 60, [tech()], rules()))).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T09:30:00.000Z',
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T10:30:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ]);
  });

  it('keeps local wall-clock times in summer (BST is UTC+1)', () => {
    expect(starts(availableSlots('2026-07-06', 120, [tech()], rules()))).toEqual([
      '2026-07-06T08:00:00.000Z',
      '2026-07-06T08:30:00.000Z',
      '2026-07-06T09:00:00.000Z',
    ]);
  });

  it('is correct on the spring-forward day: 01:00-02:00 does not exist', () => {
    // Sunday 2026-03-29, clocks go 01:00 GMT -> 02:00 BST; working 00:00-04:00 local = 3 real hours
    const slots = starts(availableSlots('2026-03-29', 60, [tech()], rules()));
    expect(slots).toEqual([
      '2026-03-29T00:00:00.000Z', // 00:00 GMT
      '2026-03-29T00:30:00.000Z', // 00:30 GMT, ends 01:30 GMT = 02:30 BST
      '2026-03-29T01:00:00.000Z', // 02:00 BST
      '2026-03-29T01:30:00.000Z',
      '2026-03-29T02:00:00.000Z', // 03:00 BST, ends 04:00 BST
    ]);
    expect(workingIntervalsOn(tech().workingHours, '2026-03-29', zone)).toEqual([
      { start: new Date('2026-03-29T00:00:00Z'), end: new Date('2026-03-29T03:00:00Z') },
    ]);
  });

  it('is correct on the fall-back day: the local night is an hour longer', () => {
    // Sunday 2026-10-25, 02:00 BST -> 01:00 GMT; 00:00-04:00 local = 5 real hours
    const [interval] = workingIntervalsOn(tech().workingHours, '2026-10-25', zone);
    expect((interval.end.getTime() - interval.start.getTime()) / 3_600_000).toBe(5);
    expect(starts(availableSlots('2026-10-25', 60, [tech()], rules())).at(-1)).toBe('2026-10-25T03:00:00.000Z');
  });

  it('keeps the buffer after existing visits and respects time off', () => {
    const busy = [{ start: new Date('2026-01-05T09:00:00Z'), end: new Date('2026-01-05T10:15:00Z') }]; // 60 min + 15 buffer
    const t = tech({ busy, timeOff: [{ start: new Date('2026-01-05T11:30:00Z'), end: new Date('2026-01-05T12:00:00Z') }] });
    expect(starts(availableSlots('2026-01-05', 60, [t], rules()))).toEqual(['2026-01-05T10:30:00.000Z']);
  });

  it('needs room for its own buffer before the next visit', () => {
    const busy = [{ start: new Date('2026-01-05T10:30:00Z'), end: new Date('2026-01-05T11:45:00Z') }];
    // a 60-minute visit at 09:30 would end 10:30 and its buffer would run into the next visit
    expect(canTake(tech({ busy }), new Date('2026-01-05T09:30:00Z'), 60, rules())).toBe(false);
    expect(canTake(tech({ busy }), new Date('2026-01-05T09:00:00Z'), 60, rules())).toBe(true);
  });

  it('never offers a start before the lead time', () => {
    expect(starts(availableSlots('2026-01-05', 60, [tech()], rules(new Date('2026-01-05T10:10:00Z'))))).toEqual([
      '2026-01-05T10:30:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ]);
  });

  it('never offers a start beyond the booking horizon', () => {
    expect(starts(availableSlots('2026-01-05', 60, [tech()], rules(undefined, new Date('2026-01-05T10:00:00Z'))))).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T09:30:00.000Z',
      '2026-01-05T10:00:00.000Z',
    ]);
  });

  it('lists which technicians are free at each start', () => {
    const other = tech({ technicianId: 't2', workingHours: { mon: [{ start: '10:00', end: '11:00' }] } });
    const slots = availableSlots('2026-01-05', 60, [tech(), other], rules());
    expect(slots.find((s) => s.start.toISOString() === '2026-01-05T10:00:00.000Z')?.technicianIds).toEqual(['t1', 't2']);
    expect(slots.find((s) => s.start.toISOString() === '2026-01-05T09:00:00.000Z')?.technicianIds).toEqual(['t1']);
  });

  it('validates weekly hours', () => {
    expect(() => checkWeeklyHours({ mon: [{ start: '09:00', end: '17:00' }] })).not.toThrow();
    expect(() => checkWeeklyHours({ mon: [{ start: '17:00', end: '09:00' }] })).toThrow();
    expect(() => checkWeeklyHours({ mon: [{ start: '9am', end: '17:00' }] })).toThrow();
    expect(() => checkWeeklyHours({ mon: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] })).toThrow();
    expect(() => checkWeeklyHours({ funday: [] } as never)).toThrow();
  });
});
