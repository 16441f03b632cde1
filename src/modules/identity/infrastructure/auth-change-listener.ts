import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationSubscriber } from '../../../shared/infrastructure/pg-notification-listener';
import { ActorCache } from './actor-cache';

/** The channel the auth_sessions and users triggers notify (migration AuthChangeNotifications). */
export const AUTH_CHANGES_CHANNEL = 'auth_changes';

/**
 * A dedicated PostgreSQL connection that LISTENs for auth changes and drops the cached actors
 * they concern. The cache is live only while this connection is: on any error or end it is
 * cleared and bypassed, and the listener reconnects with backoff (clearing it once more).
 */
@Injectable()
export class AuthChangeListener extends NotificationSubscriber {
  constructor(dataSource: DataSource, cache: ActorCache) {
    super(dataSource, AUTH_CHANGES_CHANNEL, {
      notify: (payload) => cache.apply(payload),
      live: (live) => cache.setLive(live),
    });
  }
}
