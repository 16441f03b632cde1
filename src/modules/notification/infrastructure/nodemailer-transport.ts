import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { createTransport, SendMailOptions } from 'nodemailer';
import { AppConfig } from '../../../config/config';
import { MailTransport, OutgoingMail } from '../domain/notification.ports';

function toNodemailer(mail: OutgoingMail): SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, filename: mail.calendar.filename, content: mail.calendar.content } } : {}),
  };
}

/** Sends through the SMTP server at SMTP_URL; an answer other than 2xx throws (the email is retried). */
@Injectable()
export class SmtpMailTransport extends MailTransport {
  private readonly transporter;

  constructor(config: AppConfig) {
    super();
    // Every SMTP step ends well inside the claim on the email, so no other process sends it meanwhile.
    const timeout = Math.min(30_000, Math.floor((config.notification.claimSeconds * 1000) / 4));
    this.transporter = createTransport({ url: config.notification.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail(toNodemailer(mail));
    return { messageId: info.messageId };
  }
}

/** Development without SMTP_URL: each email becomes an .eml file under DATA_DIR/mail (open it in any mail client). */
@Injectable()
export class EmlFileTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private readonly dir: string;

  constructor(config: AppConfig) {
    super();
    this.dir = join(config.dataDir, 'mail');
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail(toNodemailer(mail));
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(this.dir, `${stamp}-${mail.messageId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 36)}.eml`);
    await writeFile(file, info.message);
    this.logger.log(`email "${mail.subject}" to ${mail.to} written to ${file}`);
    return { messageId: info.messageId };
  }
}
