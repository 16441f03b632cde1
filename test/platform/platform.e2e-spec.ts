import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectProblem, startTestApp, TestApp } from '../support/test-app';

describe('platform: health, errors, limits, OpenAPI', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => app?.stop());

  it('reports health of the process and the database', async () => {
    const res = await app.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const res = await app.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email": ');
    expectProblem(res, 400);
  });

  it('refuses a body over the configured limit with 413', async () => {
    const res = await app
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'big@example.com', password: 'a long enough passphrase', fullName: 'x'.repeat(10_000) });
    expectProblem(res, 413);
  });

  it('answers unknown routes and wrong types with problems, never a stack trace', async () => {
    expectProblem(await app.http().get('/api/v1/does-not-exist'), 404);
    const res = await app.http().post('/api/v1/auth/login').send({ email: ['a@b.c'], password: 12 });
    expectProblem(res, 400);
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    expect(fields).toEqual(new Set(['email', 'password']));
  });

  it('refuses text the database could not store, naming the field', async () => {
    const nul = await app.http().post('/api/v1/auth/register').send({ email: 'nul@example.com', password: 'a long enough passphrase', fullName: 'A\u0000B' });
    expectProblem(nul, 400);
    expect(nul.body.errors).toEqual([{ field: 'fullName', message: expect.stringContaining('NUL') }]);
    // 120 letters plus a variation selector: 121 characters to PostgreSQL
    const marks = await app.http().post('/api/v1/auth/register').send({ email: 'marks@example.com', password: 'a long enough passphrase', fullName: `${'x'.repeat(120)}\ufe0f` });
    expectProblem(marks, 400);
    expect(marks.body.errors[0].field).toBe('fullName');
  });

  it('refuses prototype-poisoning bodies', async () => {
    const res = await app.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":"a@b.c","password":"x","__proto__":{"admin":true}}');
    expectProblem(res, 400);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await app.http().get('/health').set('x-request-id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await app.http().get('/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Swagger UI and an OpenAPI document equal to the committed openapi.json', async () => {
    await app.http().get('/docs').expect(200);
    const live = await app.http().get('/docs-json').expect(200);
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    expect(live.body).toEqual(committed);
    expect(live.body.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const ids = Object.values(live.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) =>
      Object.values(p).map((op) => op.operationId),
    );
    expect(ids).toEqual(expect.arrayContaining(['login', 'register', 'getMe', 'listUsers']));
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every DTO field carries an example (or is a reference to another documented schema).
    type Property = { example?: unknown; $ref?: string; allOf?: unknown; items?: { $ref?: string } };
    const schemas = live.body.components.schemas as Record<string, { properties?: Record<string, Property> }>;
    const undocumented = Object.entries(schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => p.example === undefined && !p.$ref && !p.allOf && !p.items?.$ref)
        .map(([field]) => `${name}.${field}`),
    );
    expect(undocumented).toEqual([]);
  });
});
