import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';

/**
 * A job that runs every `intervalMs` while the app is up (0 = never). At shutdown it stops
 * between batches: no new run starts, and the one running (if any) is awaited before the
 * database pool closes.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  #timer?: NodeJS.Timeout;
  #activeRun?: Promise<unknown>;

  protected abstract intervalMs(): number;

  abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    const every = this.intervalMs();
    if (every > 0) this.#timer = setInterval(() => this.#tick(), every).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#activeRun;
  }

  #tick(): void {
    if (this.#activeRun) return;
    this.#activeRun = this.runOnce()
      .catch(() => undefined)
      .finally(() => (this.#activeRun = undefined));
  }
}
