import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, JetStreamClient, JSONCodec, NatsConnection } from 'nats';
import { MessageBroker } from '../application/message-broker';

export const EVENTS_STREAM = 'EVENTS';
export const EVENTS_SUBJECT_PREFIX = 'events';

/** NATS JetStream: a durable stream `EVENTS` over `events.>`, deduplicated by message id. */
@Injectable()
export class NatsBroker extends MessageBroker implements OnApplicationShutdown {
  private readonly logger = new Logger('NatsBroker');
  private readonly codec = JSONCodec();
  private connection?: Promise<{ nc: NatsConnection; js: JetStreamClient }>;

  constructor(private readonly url: string) {
    super();
  }

  private connected(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    this.connection ??= (async () => {
      const nc = await connect({ servers: this.url, name: 'repair-commerce-api', maxReconnectAttempts: -1 });
      const jsm = await nc.jetstreamManager();
      try {
        await jsm.streams.info(EVENTS_STREAM);
      } catch {
        await jsm.streams.add({ name: EVENTS_STREAM, subjects: [`${EVENTS_SUBJECT_PREFIX}.>`], duplicate_window: 2 * 60 * 1_000_000_000 });
      }
      this.logger.log(`connected to ${this.url}`);
      return { nc, js: nc.jetstream() };
    })().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  async publish(subject: string, payload: object, messageId: string): Promise<void> {
    const { js } = await this.connected();
    await js.publish(subject, this.codec.encode(payload), { msgID: messageId });
  }

  async lastSequence(): Promise<number> {
    const { nc } = await this.connected();
    const jsm = await nc.jetstreamManager();
    return (await jsm.streams.info(EVENTS_STREAM)).state.last_seq;
  }

  async messageIdsAfter(sequence: number): Promise<string[]> {
    const { nc } = await this.connected();
    const jsm = await nc.jetstreamManager();
    const last = (await jsm.streams.info(EVENTS_STREAM)).state.last_seq;
    const ids: string[] = [];
    for (let seq = sequence + 1; seq <= last; seq++) {
      const message = await jsm.streams.getMessage(EVENTS_STREAM, { seq }).catch(() => undefined); // purged or deleted
      const id = message?.header?.get('Nats-Msg-Id');
      if (id) ids.push(id);
    }
    return ids;
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    await connection?.nc.drain();
  }
}
