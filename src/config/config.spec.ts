import { ConfigError, loadConfig } from './config';

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', JWT_ACCESS_SECRET: 'a'.repeat(32), JWT_REFRESH_SECRET: 'b'.repeat(32), PAYMENT_WEBHOOK_SECRET: 'c'.repeat(16) };

describe('security configuration', () => {
  it('trusts no proxy by default; takes a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
  });

  it('allows any browser origin in development, none by default in production, and refuses * there', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig(production).corsOrigins).toEqual([]);
    expect(loadConfig({ ...production, CORS_ORIGINS: 'https://shop.example' }).corsOrigins).toEqual(['https://shop.example']);
    expect(() => loadConfig({ ...production, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('serves /docs by default except in production', () => {
    expect(loadConfig({}).docsEnabled).toBe(true);
    expect(loadConfig(production).docsEnabled).toBe(false);
    expect(loadConfig({ ...production, DOCS_ENABLED: 'true' }).docsEnabled).toBe(true);
  });

  it('never holds guest orders longer than customer orders', () => {
    expect(loadConfig({ ORDER_PAYMENT_TIMEOUT_MINUTES: '10', GUEST_PAYMENT_TIMEOUT_MINUTES: '20' }).order.guestPaymentTimeoutMinutes).toBe(10);
    expect(loadConfig({}).order).toEqual({ paymentTimeoutMinutes: 30, guestPaymentTimeoutMinutes: 15, maxUnpaid: { perCustomer: 3, perEmail: 2, perAddress: 10 } });
  });
});
