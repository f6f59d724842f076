import { getMaxListeners, setMaxListeners } from 'node:events';

// Small waiting primitives for the fan-out. Every wait takes an AbortSignal, so a cancel wakes
// everyone at once instead of after their timers.

/**
 * Lets `waiters` tasks (a few listeners each) listen to one cancel signal: a fan-out to many downstreams
 * is many listeners by design, not a leak, and Node would otherwise warn past 10.
 */
export function shareSignal(signal: AbortSignal | undefined, waiters: number): void {
  if (!signal) return;
  const wanted = 10 + 4 * waiters;
  if (getMaxListeners(signal) < wanted) setMaxListeners(wanted, signal);
}

export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Resolves with a release function (idempotent); rejects when `signal` aborts while queued. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new CancelledError();
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.queue.indexOf(go);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new CancelledError());
        };
        const go = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.queue.push(go);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.queue.shift()?.();
    };
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Sleeps `ms`; resolves false early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * runmirrors' stage1 lock files as one object: each staged downstream marks itself done after its
 * stage1 returns; waiters continue when all are done or their limit passes, and as in runmirrors
 * (`touch all_stage1`) the first waiter to time out releases every other waiter too.
 */
export class Stage1Barrier {
  private readonly pending: Set<string>;
  private release!: () => void;
  private readonly released: Promise<void>;
  private isReleased = false;

  constructor(names: Iterable<string>) {
    this.pending = new Set(names);
    this.released = new Promise((resolve) => (this.release = resolve));
    if (this.pending.size === 0) this.open();
  }

  done(name: string): void {
    this.pending.delete(name);
    if (this.pending.size === 0) this.open();
  }

  /** Names still missing (for the "failed to wait for" log line). */
  missing(): string[] {
    return [...this.pending];
  }

  /** true: all finished stage1; false: the limit (or another waiter's) ran out, or cancelled. */
  async wait(limitMs: number, signal?: AbortSignal): Promise<boolean> {
    if (!this.isReleased) {
      // Our own controller, so the timer dies with the wait and never keeps the process alive.
      const stop = new AbortController();
      const forward = () => stop.abort();
      signal?.addEventListener('abort', forward, { once: true });
      const slept = sleep(limitMs, stop.signal).then(() => this.open());
      await Promise.race([this.released, slept]);
      stop.abort();
      signal?.removeEventListener('abort', forward);
    }
    return this.pending.size === 0;
  }

  private open(): void {
    this.isReleased = true;
    this.release();
  }
}

/**
 * A time budget that can be paused (while a person answers a host key prompt, or while the attempt
 * waits in our own queue): `onExpire` runs once when `ms` of running time have been used.
 */
export class Budget {
  private timer: NodeJS.Timeout | undefined;
  private used = 0;
  private since = 0;
  private done = false;

  constructor(
    readonly ms: number,
    private readonly onExpire: () => void,
  ) {
    this.resume();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.used += performance.now() - this.since;
  }

  resume(): void {
    if (this.timer || this.done) return;
    this.since = performance.now();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.done = true;
        this.onExpire();
      },
      Math.max(0, this.ms - this.used),
    );
  }

  stop(): void {
    this.pause();
    this.done = true;
  }
}
