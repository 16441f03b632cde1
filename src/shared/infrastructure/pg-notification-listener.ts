import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

const MAX_RETRY_MS = 5000;

export interface NotificationHandlers {
  /** A NOTIFY on the channel, delivered when its transaction commits. */
  notify(payload: string): void;
  /**
   * True once LISTEN is in place, false when the connection is lost (notifications sent while
   * it is down are lost: a cache must be cleared and bypassed until it is true again).
   */
  live(live: boolean): void;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel for the caches of this process.
 * On any error or end it reports `live(false)` and reconnects with backoff.
 */
export class PgNotificationListener {
  private readonly logger: Logger;
  private client?: Client;
  private stopped = false;
  private retryMs = 100;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
  ) {
    this.logger = new Logger(`PgNotificationListener(${channel})`);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.handlers.live(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.handlers.live(false);
      if (this.stopped) return;
      this.logger.warn(
        `listener on ${this.channel} lost its connection${error ? ` (${error.message})` : ''}; cache off until it reconnects`,
      );
      void client.end().catch(() => undefined);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notify(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (lost || this.stopped) return;
      this.retryMs = 100;
      this.handlers.live(true);
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * A Nest provider that keeps a PgNotificationListener on `channel` for the app's lifetime
 * (none when the app runs without a database, as the OpenAPI writer does).
 */
export abstract class NotificationSubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private listener?: PgNotificationListener;

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    this.listener = new PgNotificationListener(
      (this.dataSource.options as { url: string }).url,
      this.channel,
      this.handlers,
    );
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.listener) await this.listener.stop();
    else this.handlers.live(false);
  }
}
