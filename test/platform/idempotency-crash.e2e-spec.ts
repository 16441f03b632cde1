import { createCategory, createProduct } from '../support/catalog';
import { idempotencyBurst } from '../support/idempotency-burst';
import { ADMIN, login, startTestApp, TestApp } from '../support/test-app';

const LEASE_SECONDS = 2;

/**
 * A crash in the middle of idempotent writes: every request retried with its key gets either
 * the result that committed or a fresh success, never a 409 once the lease is over, and no key
 * stays in progress.
 */
describe('Idempotency-Key across crashes', () => {
  let app: TestApp;
  let productId: string;
  let burst: ReturnType<typeof idempotencyBurst>;

  beforeAll(async () => {
    app = await startTestApp({ IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS) });
    const admin = await login(app, ADMIN);
    const category = await createCategory(app, admin, 'crash-parts');
    productId = (await createProduct(app, admin, { name: 'Crash Pump', price: 1200, category, initialStock: 1000 })).id;
    burst = idempotencyBurst(app);
  }, 120_000);
  afterAll(() => app?.stop());

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`after ${signal} mid-burst, each retry gets the committed result or a fresh success and no key stays in progress`, async () => {
      const requests = await burst.requests(productId, 24, 16);
      const outcomes = await burst.fireWithFault(requests, () => app.kill(signal));
      const stuckAtCrash = await burst.keysInProgress();
      const committedBeforeCrash = outcomes.filter((o) => o.status === 201 || o.status === 200).length;
      await app.restart();
      await new Promise((r) => setTimeout(r, (LEASE_SECONDS + 1) * 1000)); // every lease of the dead process is over
      await burst.expectCommittedOrFresh(requests);
      // the figures the issue asks for (keys left in progress by the crash, all taken over since)
      console.log(`${signal}: ${requests.length} requests, ${committedBeforeCrash} answered before the crash, ${stuckAtCrash} keys in progress at the crash, 0 after the retries`);
    }, 180_000);
  }
});
