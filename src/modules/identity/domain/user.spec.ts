import { User } from './user';

const register = () => User.register({ email: '  Ann@Example.COM ', passwordHash: 'h', fullName: ' Ann ' });

describe('User', () => {
  it('normalizes the email and records UserRegistered once', () => {
    const user = register();
    expect(user.email).toBe('ann@example.com');
    expect(user.role).toBe('customer');
    const events = user.pullEvents();
    expect(events.map((e) => e.name)).toEqual(['UserRegistered']);
    expect(events[0].payload).toEqual({ userId: user.id, email: 'ann@example.com', role: 'customer' });
    expect(user.pullEvents()).toEqual([]);
  });

  it('lets an admin change someone else but not lock themselves out', () => {
    const user = register();
    user.changeRole('technician', 'another-admin');
    expect(user.role).toBe('technician');
    expect(() => user.changeRole('customer', user.id)).toThrow(expect.objectContaining({ code: 'user.cannot_change_own_role' }));
    expect(() => user.setActive(false, user.id)).toThrow(expect.objectContaining({ code: 'user.cannot_deactivate_self' }));
    user.setActive(false, 'another-admin');
    expect(user.isActive).toBe(false);
  });
});
