import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ActorCache } from './actor-cache';

/** The channel the auth_sessions and users triggers notify (migration AuthChangeNotifications). */
export const AUTH_CHANGES_CHANNEL = 'auth_changes';
const MAX_RETRY_MS = 5000;

/**
 * A dedicated PostgreSQL connection that LISTENs for auth changes and drops the cached actors
 * they concern. The cache is live only while this connection is: on any error or end it is
 * cleared and bypassed, and the listener reconnects with backoff (clearing it once more).
 */
@Injectable()
export class AuthChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthChangeListener.name);
  private client?: Client;
  private stopped = false;
  private retryMs = 100;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: ActorCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The OpenAPI writer builds the app without a database.
    if (!this.dataSource.isInitialized) return;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.cache.setLive(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: (this.dataSource.options as { url: string }).url });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.cache.setLive(false);
      if (this.stopped) return;
      this.logger.warn(
        `auth change listener lost its connection${error ? ` (${error.message})` : ''}; cache off until it reconnects`,
      );
      void client.end().catch(() => undefined);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === AUTH_CHANGES_CHANNEL) this.cache.apply(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGES_CHANNEL}`);
      if (lost || this.stopped) return;
      this.retryMs = 100;
      this.cache.setLive(true);
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
