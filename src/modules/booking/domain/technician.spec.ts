import { Technician } from './technician';

describe('technician profile', () => {
  it('takes hours for some weekdays when the other weekdays are present but undefined (as a parsed request body has them)', () => {
    const parsed = { mon: [{ start: '09:00', end: '17:00' }], tue: undefined, sun: undefined };
    const technician = Technician.create({ userId: 'u1', skills: ['washer'], workingHours: parsed });
    expect(technician.snapshot().workingHours).toEqual({ mon: [{ start: '09:00', end: '17:00' }] });
    expect(Object.keys(technician.snapshot().workingHours)).toEqual(['mon']);

    technician.update({ workingHours: { sat: [{ start: '09:00', end: '13:00' }], mon: undefined } });
    expect(Object.keys(technician.snapshot().workingHours)).toEqual(['sat']);
  });

  it('still refuses a malformed day', () => {
    expect(() => Technician.create({ userId: 'u1', skills: ['washer'], workingHours: { mon: [{ start: '17:00', end: '09:00' }] } })).toThrow(/end after it starts/);
    expect(() => Technician.create({ userId: 'u1', skills: ['washer'], workingHours: { mon: null } as never })).toThrow(/at most 4 intervals/);
  });
});
