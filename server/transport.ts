/**
 * The manager's ZeroMQ sockets (protocol.md §1): a ROUTER request socket (served by request-loop.ts), and a
 * PUB socket for events. Both bind to a given port or a random free one in a range.
 */
import * as zmq from 'zeromq';

/** Bind to `port`, or to a random free port in [min, max]. Returns the bound port. Throws when impossible. */
export async function bindPort(sock: zmq.Socket, host: string, port: number | undefined, min: number, max: number): Promise<number> {
  const h = host.includes(':') ? `[${host}]` : host;
  if (port !== undefined) {
    await sock.bind(`tcp://${h}:${port}`);
    return port;
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 100; attempt++) {
    const p = min + Math.floor(Math.random() * (max - min + 1));
    try {
      await sock.bind(`tcp://${h}:${p}`);
      return p;
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`no free port in ${min}-${max} on ${host}: ${(lastError as Error)?.message}`);
}

/**
 * Events go out in order through one sender loop: zeromq.js allows one send in flight per socket, and a PUB
 * socket never blocks (it drops at the high-water mark), so the queue drains as fast as it fills.
 *
 * The socket is an XPUB: it sees its subscribers' topic prefixes, so an event nobody subscribed to is never
 * built into a frame or sent. QCG's client and ours subscribe to JFI, IFI and NOJ only, which saves three of the
 * four sends per job on the hot path. (libzmq would filter them out anyway, after the cost of sending.)
 */
export class EventPublisher {
  private queue: string[] = [];
  private pumping = false;
  private idle: Promise<void> = Promise.resolve();
  private resolveIdle: (() => void) | null = null;
  /** topic prefixes with at least one subscriber (XPUB reports the first subscribe and the last unsubscribe) */
  private readonly prefixes = new Set<string>();

  constructor(private readonly sock: zmq.XPublisher | null) {
    if (sock) void this.watchSubscriptions(sock);
  }

  private async watchSubscriptions(sock: zmq.XPublisher): Promise<void> {
    try {
      for await (const [msg] of sock) {
        const prefix = msg.subarray(1).toString('utf8');
        if (msg[0] === 1) this.prefixes.add(prefix);
        else if (msg[0] === 0) this.prefixes.delete(prefix);
      }
    } catch {
      // closed at shutdown
    }
  }

  /** Is anybody subscribed to events of this topic? */
  wants(topic: string): boolean {
    for (const p of this.prefixes) if (topic.startsWith(p) || p.startsWith(topic)) return true;
    return false;
  }

  publish(frame: string): void {
    if (!this.sock || this.sock.closed) return;
    this.queue.push(frame);
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    this.idle = new Promise((r) => (this.resolveIdle = r));
    try {
      while (this.queue.length && this.sock && !this.sock.closed) {
        const batch = this.queue;
        this.queue = [];
        for (const f of batch) await this.sock.send(f);
      }
    } catch {
      // socket closed under us at shutdown: nothing left to deliver to
    } finally {
      this.pumping = false;
      this.resolveIdle?.();
    }
  }

  /** Events waiting to be handed to ZeroMQ (none once the socket is closed: they never will be). */
  get queued(): number {
    return this.sock && !this.sock.closed ? this.queue.length : 0;
  }

  /** Wait until queued events were handed to ZeroMQ. */
  async drain(): Promise<void> {
    await this.idle;
  }
}
