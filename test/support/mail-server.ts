import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  template: string;
  subject: string;
  messageId: string;
  parsed: ParsedMail;
}

type SmtpError = Error & { responseCode?: number };

/**
 * A real SMTP server in the test process (the `smtp-server` package). It keeps the messages it
 * accepted (parsed with `mailparser`), can refuse the next N messages with a 4xx or 5xx reply,
 * and can hold its reply to DATA until released: a message counts as delivered only when the
 * server's final 250 reached a client that was still connected (as SMTP defines acceptance).
 */
export class TestMailServer {
  readonly messages: ReceivedMail[] = [];
  /** Refuse this many more messages (each refusal counts one down) with `refusal`. */
  refuseNext = 0;
  refusal = { code: 451, message: '4.3.0 Mailbox busy, try again later' };
  /** While true, the reply to DATA waits for `release()`. */
  holding = false;
  /** Messages whose reply is held right now. */
  held = 0;
  /** Every DATA the server saw, accepted or not. */
  attempts = 0;
  private readonly closed = new Set<string>();
  private readonly heldSessions = new Set<string>();
  private waiting: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<TestMailServer> {
    const handlers: { self?: TestMailServer } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose: (session) => handlers.self?.closed.add(session.id),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => void handlers.self?.received(Buffer.concat(chunks), session, callback));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    handlers.self = new TestMailServer(server, `smtp://127.0.0.1:${port}`);
    return handlers.self;
  }

  release(): void {
    this.holding = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const go of waiting) go();
  }

  /** Held messages whose client has gone away (killed) while waiting for the reply. */
  get heldAbandoned(): number {
    return [...this.heldSessions].filter((id) => this.closed.has(id)).length;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async received(raw: Buffer, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    this.attempts += 1;
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      const error: SmtpError = new Error(this.refusal.message);
      error.responseCode = this.refusal.code;
      return callback(error);
    }
    if (this.holding) {
      this.held += 1;
      this.heldSessions.add(session.id);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.heldSessions.delete(session.id);
      this.held -= 1;
    }
    // The client went away before the reply: the message was never accepted.
    if (this.closed.has(session.id)) return callback(new Error('connection closed'));
    const parsed = await simpleParser(raw);
    this.messages.push({
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      template: String(parsed.headers.get('x-notification-template') ?? ''),
      subject: parsed.subject ?? '',
      messageId: parsed.messageId ?? '',
      parsed,
    });
    callback();
  }
}

/** Polls until `check` holds (bounded, generous: background jobs on a shared machine). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
