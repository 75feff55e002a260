/**
 * The connection life of one SSH host, the same in agent and plain mode: online → (drop) reconnecting → online
 * again, or → offline when it stays down longer than its give-up time (README "SSH hosts").
 *
 * While the host is not online its node takes no new tasks (the manager's onState) and its running tasks stay
 * EXECUTING. Reconnect attempts follow reconnectDelayMs; a subclass says how to (re)connect and what becomes of
 * the tasks in flight after a reconnection (recovery) or when the host is given up (failAll). Given up, the host
 * gets a new session, so anything of the old one still found on it is killed when it rejoins.
 */
import { randomUUID } from 'node:crypto';
import type { HostState } from '../../../protocol/messages.js';
import type { ReconnectPolicy, SshHostSpec } from './hosts-file.js';
import type { SshHost } from './ssh-hosts.js';

export interface SshLog {
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
}

/** How long the host side may hear nothing before it kills its jobs: safely below the give-up time. */
export function orphanMsFor(giveUpAfterMs: number): number {
  return Math.max(50, Math.floor(giveUpAfterMs * 0.9));
}

/**
 * Delay before reconnect attempt `attempt` (0, 1, …): exponential backoff with jitter, bounded by maxMs:
 * min(maxMs, initialMs·2^attempt) × a random factor in [0.5, 1).
 */
export function reconnectDelayMs(policy: ReconnectPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.5 + random() * 0.5));
}

export abstract class ReconnectingHost {
  state: HostState = 'online';
  /** when it entered `state`, epoch µs */
  sinceUs = Date.now() * 1000;
  /** why it is not online */
  message?: string;
  /** called on every state change */
  onState: (h: SshHost) => void = () => {};

  /** this manager's session on the host: a new one after a give-up */
  protected session = randomUUID();
  protected closed = false;
  private attempt = 0;
  private retryTimer?: NodeJS.Timeout;
  private giveUpTimer?: NodeJS.Timeout;
  private connecting = false;
  /** why the connection was lost, and the last reconnect attempt's error */
  private lostWhy = '';
  private lastError = '';

  constructor(
    readonly spec: SshHostSpec,
    protected readonly log: SshLog,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  protected get where(): string {
    return `host ${this.spec.name} (${this.spec.user}@${this.spec.host}:${this.spec.port})`;
  }

  /** (Re)establish the connection and recover the tasks in flight; resolves (with a note for the log) once online. */
  protected abstract reconnect(): Promise<string>;
  /** tasks in flight, for the log */
  protected abstract get inFlight(): number;
  /** the host is given up: every task in flight ends with reason 'hostLost' and this message */
  protected abstract failAll(reason: string): void;

  /** Stop reconnecting (the subclass ends its connections). */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.giveUpTimer);
  }

  private setState(state: HostState, message?: string): void {
    this.state = state;
    this.sinceUs = Date.now() * 1000;
    this.message = message;
    this.onState(this as unknown as SshHost);
  }

  /** The connection dropped (the subclass has let go of it): reconnecting, and the next attempt scheduled. */
  protected connectionLost(why: string): void {
    if (this.closed) return;
    if (this.state === 'online') {
      this.lostWhy = why;
      this.lastError = '';
      this.attempt = 0;
      this.log.warn(`${this.where}: connection lost (${why}); reconnecting, ${this.inFlight} task(s) in flight`);
      this.setState('reconnecting', `connection lost: ${why}`);
      this.giveUpTimer = setTimeout(() => this.giveUp(), this.spec.reconnect.giveUpAfterMs);
    }
    this.scheduleAttempt();
  }

  /** Exponential backoff with jitter: min(max, initial·2ⁿ) × [0.5, 1). Offline hosts are tried every ~max. */
  private scheduleAttempt(): void {
    if (this.closed) return;
    const delay = reconnectDelayMs(this.spec.reconnect, this.attempt++);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.tryReconnect(), delay);
  }

  private async tryReconnect(): Promise<void> {
    if (this.closed || this.connecting) return;
    this.connecting = true;
    try {
      const note = await this.reconnect();
      if (this.closed) return;
      clearTimeout(this.giveUpTimer);
      const was = this.state;
      this.log.info(`${this.where}: ${was === 'offline' ? 'back, rejoins' : 'reconnected'} after ${this.attempt} attempt(s); ${note}`);
      this.attempt = 0;
      this.setState('online');
    } catch (e) {
      if (this.closed) return;
      this.lastError = (e as Error).message;
      this.log.info(`${this.where}: reconnect attempt ${this.attempt} failed: ${this.lastError}`);
      if (this.state === 'reconnecting') this.message = `connection lost: ${this.lostWhy}; last attempt: ${this.lastError}`;
      this.scheduleAttempt();
    } finally {
      this.connecting = false;
    }
  }

  /** Still down after giveUpAfterMs: offline; its tasks end as lost; a new session for when it comes back. */
  private giveUp(): void {
    if (this.closed || this.state !== 'reconnecting') return;
    const reason = `host ${this.spec.name} lost: ${this.lostWhy}; not back within ${this.spec.reconnect.giveUpAfterMs} ms${this.lastError ? ` (last attempt: ${this.lastError})` : ''}`;
    this.log.error(`${reason}; ${this.inFlight} task(s) fail, the host is offline`);
    this.session = randomUUID();
    this.setState('offline', reason);
    this.failAll(reason);
  }
}
