import { randomBytes } from 'node:crypto';
import { ADMIN, bearer, CUSTOMER, expectProblem, login, startTestApp, TestApp } from '../support/test-app';
import { addToCart, ADDRESS, applyCode, checkout, createDiscount, SHIPPING_METHOD } from '../support/orders';
import { createProduct, fixtures, Fixtures } from '../support/cart-fixtures';

/** Issue 12, items 6, 9 and 12: who an email names, and which passwords are too weak. */
describe('security: emails and passwords', () => {
  let app: TestApp;
  let f: Fixtures;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', LOGIN_THROTTLE_ACCOUNT_LIMIT: '1000' });
    f = await fixtures(app);
  });
  afterAll(() => app?.stop());

  const register = (email: string, password = 'a long enough passphrase') =>
    app.http().post('/api/v1/auth/register').send({ email, password, fullName: 'Someone' });

  it.each(['qwertyuiop1', 'weakweak12', `${' '.repeat(10)}a`, 'Password2026!'])(
    'refuses the weak password %j with a 400 naming the field',
    async (password) => {
      const res = await register(`weak-${randomBytes(4).toString('hex')}@example.com`, password);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    },
  );

  it('refuses a weak new password on a password change, naming newPassword', async () => {
    const token = await login(app, CUSTOMER);
    const res = await app.http().patch('/api/v1/users/me').set(bearer(token)).send({ currentPassword: CUSTOMER.password, newPassword: 'weakweak12' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
  });

  it('accepts a long passphrase', async () => {
    await register(`strong-${randomBytes(4).toString('hex')}@example.com`, 'a long enough passphrase').expect(201);
  });

  it('treats fullwidth lookalikes as the same email (NFKC) and refuses a mixed-script local part', async () => {
    const fullwidth = await register('ａｄｍｉｎ@ｅｘａｍｐｌｅ.ｃｏｍ', 'another long passphrase here');
    expectProblem(fullwidth, 409);
    expect(fullwidth.body.code).toBe('user.email_taken');
    const cyrillic = await register('\u0430dmin@example.com', 'another long passphrase here');
    expectProblem(cyrillic, 400);
    expect(cyrillic.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('script') }]);
    // The same name written wholly in one script is a different, legitimate address.
    await register('\u0438\u0432\u0430\u043d@example.com').expect(201);
  });

  it('signs in whatever the case, width or spacing of the email', async () => {
    await app.http().post('/api/v1/auth/login').send({ email: '  ＣＵＳＴＯＭＥＲ@example.com ', password: CUSTOMER.password }).expect(200);
  });

  it("counts a guest's uses of a code together with the account of the same person (case, +tag, width)", async () => {
    const admin = await login(app, ADMIN);
    const product = await createProduct(f, 2000, 50);
    const code = (await createDiscount(app, admin, { perCustomerLimit: 1 })).code;
    const name = `ann${randomBytes(3).toString('hex')}`;
    const account = await register(`${name}@example.com`).expect(201);
    const auth = bearer(account.body.accessToken);
    await addToCart(app, auth, product);
    await applyCode(app, auth, code);
    const first = await checkout(app, auth).expect(201);
    expect(first.body.discount.code).toBe(code);

    for (const email of [`${name.toUpperCase()}@Example.com`, `${name}+deals@example.com`, ` ${name}@ｅｘａｍｐｌｅ.com`]) {
      const { cartToken } = await addToCart(app, {}, product);
      await applyCode(app, { 'X-Cart-Token': cartToken }, code);
      const guest = await checkout(app, { 'X-Cart-Token': cartToken }, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD, email });
      expectProblem(guest, 409);
      expect(guest.body.code).toBe('discount.already_used');
    }
    // Another person may still use it as a guest.
    const { cartToken } = await addToCart(app, {}, product);
    await applyCode(app, { 'X-Cart-Token': cartToken }, code);
    await checkout(app, { 'X-Cart-Token': cartToken }, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD, email: `other-${name}@example.com` }).expect(201);
  });
});
