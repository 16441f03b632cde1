import { checkPassword } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase without composition rules', async () => {
    await expect(checkPassword('correct horse battery', 'ann@example.com')).resolves.toBeUndefined();
  });

  it.each([
    ['short1', 'password.too_short'],
    ['x'.repeat(129), 'password.too_long'],
    ['Password123', 'password.too_weak'],
    ['aaaaaaaaaaaa', 'password.too_weak'],
    ['qwertyuiop1', 'password.too_weak'],
    ['weakweak12', 'password.too_weak'],
    [`${' '.repeat(10)}a`, 'password.too_weak'],
    ['Longname2026!', 'password.too_weak'],
    ['ann.longname@example.com', 'password.matches_email'],
    ['ann.longname', 'password.matches_email'],
  ])('rejects %s with %s', async (password, code) => {
    await expect(checkPassword(password, 'ann.longname@example.com')).rejects.toEqual(expect.objectContaining({ code }));
  });

  it.each(['a long enough passphrase', 'Customer-Password-1', 'Admin-Password-1', 'Technician-Password-1', 'Seed-Customer-Password-1'])(
    'accepts the passphrase %s used by the demo data and the tests',
    async (password) => {
      await expect(checkPassword(password, 'someone@example.com')).resolves.toBeUndefined();
    },
  );

  it('names the field in the error', async () => {
    await expect(checkPassword('short', undefined, 'newPassword')).rejects.toEqual(
      expect.objectContaining({ fieldErrors: [{ field: 'newPassword', message: expect.stringContaining('10') }] }),
    );
  });
});
