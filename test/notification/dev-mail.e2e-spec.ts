import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { waitFor } from '../support/mail-server';
import { registerCustomer, startTestApp, TestApp } from '../support/test-app';

describe('notifications: without SMTP_URL (development) each email is an .eml file under DATA_DIR/mail', () => {
  let app: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-mail-'));
  const mailDir = join(dataDir, 'mail');

  beforeAll(async () => {
    app = await startTestApp({ DATA_DIR: dataDir, LOG_LEVEL: 'info', STORE_NAME: 'Dev Shop', VISIT_REMINDER_INTERVAL_SECONDS: '0' });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const files = (): string[] => {
    try {
      return readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  it('writes the welcome email as a file a mail client opens, and logs its name', async () => {
    const customer = await registerCustomer(app);
    let found: { file: string; to: string; subject: string; text: string; html: string } | undefined;
    await waitFor('the .eml file', async () => {
      for (const file of files()) {
        const parsed = await simpleParser(readFileSync(join(mailDir, file)));
        const to = Array.isArray(parsed.to) ? parsed.to[0].text : (parsed.to?.text ?? '');
        if (to === customer.email) found = { file, to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: String(parsed.html) };
      }
      return found !== undefined;
    });
    expect(found).toEqual(expect.objectContaining({ subject: 'Welcome to Dev Shop', text: expect.stringContaining('Hello Test Customer,'), html: expect.stringContaining('<p>Hello Test Customer,</p>') }));
    await waitFor('the file named in the log', () => app.output().includes(found!.file));
    const sent = await app.db.query(`SELECT status FROM notifications WHERE recipient = $1`, [customer.email]);
    expect(sent.rows).toEqual([{ status: 'sent' }]);
  });
});
