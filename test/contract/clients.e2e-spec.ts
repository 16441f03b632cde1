import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Clients generated from openapi.json (which platform.e2e-spec checks equals what the app serves):
 * the committed openapi-typescript client must be current, and a second generator,
 * @hey-api/openapi-ts, must read the document without error (into a temporary folder).
 */
const ROOT = resolve(__dirname, '..', '..');
const run = promisify(execFile);
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

describe('contract: generated clients', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'rc-clients-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the committed clients/typescript/schema.d.ts is what openapi-typescript makes of openapi.json (else run npm run openapi)', async () => {
    const out = join(dir, 'schema.d.ts');
    await run(bin('openapi-typescript'), ['openapi.json', '-o', out], { cwd: ROOT });
    expect(readFileSync(out, 'utf8')).toEqual(readFileSync(join(ROOT, 'clients', 'typescript', 'schema.d.ts'), 'utf8'));
  });

  it('@hey-api/openapi-ts generates a fetch client and SDK from openapi.json without error', async () => {
    const out = join(dir, 'hey-api');
    const { stderr } = await run(bin('openapi-ts'), ['-i', 'openapi.json', '-o', out, '-c', '@hey-api/client-fetch'], { cwd: ROOT });
    expect(stderr).not.toMatch(/error/i);
    expect(existsSync(join(out, 'sdk.gen.ts'))).toBe(true);
    const types = readFileSync(join(out, 'types.gen.ts'), 'utf8');
    // references resolved: the order body names its address and visit types
    expect(types).toMatch(/shippingAddress\?: ShippingAddressDto/);
    expect(types).toMatch(/visit\?: VisitDto/);
    expect(readdirSync(out).length).toBeGreaterThan(2);
  });
});
