import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** A job that runs every `intervalMs` while the app is up (0 = never); stops with the app. */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  protected abstract intervalMs(): number;

  abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    const every = this.intervalMs();
    if (every > 0) this.timer = setInterval(() => void this.runOnce(), every).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
