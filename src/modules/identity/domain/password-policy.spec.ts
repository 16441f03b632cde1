import { checkPassword } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(() => checkPassword('correct horse battery', 'ann@example.com')).not.toThrow();
  });

  it.each([
    ['short1', 'password.too_short'],
    ['x'.repeat(129), 'password.too_long'],
    ['Password123', 'password.too_common'],
    ['aaaaaaaaaaaa', 'password.too_common'],
    ['ann.longname@example.com', 'password.matches_email'],
    ['ann.longname', 'password.matches_email'],
  ])('rejects %s with %s', (password, code) => {
    expect(() => checkPassword(password, 'ann.longname@example.com')).toThrow(expect.objectContaining({ code }));
  });

  it('names the field in the error', () => {
    expect(() => checkPassword('short', undefined, 'newPassword')).toThrow(
      expect.objectContaining({ fieldErrors: [{ field: 'newPassword', message: expect.stringContaining('10') }] }),
    );
  });
});
