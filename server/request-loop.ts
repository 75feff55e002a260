/**
 * The request socket (protocol.md §1, §2.4): a ROUTER, so that reading and handling requests never waits for a
 * reply to go out.
 *
 * Requests are handled one at a time in arrival order, as the protocol says, and each reply is queued with the
 * journal position at the moment it was built: a reply may reveal every change made before it, so it goes out
 * only once those records are on disk (a submit is acknowledged once durable). While one sync is in flight the
 * loop goes on reading and handling; the replies that gather meanwhile leave together after the next sync (group
 * commit for replies, not one sync per request as with a REP socket). Replies leave in the order they were built,
 * so each client (a REQ socket: one request at a time) gets its replies in order.
 */
import type * as zmq from 'zeromq';
import { decodeRequest, encode, encodingOf } from '../protocol/codec.js';
import type { Logger } from './log.js';
import type { Reply } from './requests.js';

/** What the loop needs of the journal (server/journal/store.ts JournalStore). */
export interface ReplyJournal {
  /** the position a reply built now may reveal */
  readonly position: number;
  readonly writer: { readonly durablePosition: number; durable(pos: number, urgent: boolean): Promise<void> };
}

interface Pending {
  frames: Buffer[];
  /** journal position this reply may reveal */
  at: number;
}

export class RequestLoop {
  private readonly queue: Pending[] = [];
  private head = 0;
  private pumping = false;
  private closing = false;
  private idle: Promise<void> = Promise.resolve();
  private resolveIdle: (() => void) | null = null;
  /** winston formats a message even when no transport wants it: per request, that costs more than the request */
  private readonly debug: boolean;

  constructor(
    private readonly sock: zmq.Router,
    private readonly handler: { handle(req: Record<string, unknown>): Reply },
    private readonly opts: { maxFrameBytes: number; log: Pick<Logger, 'debug' | 'error' | 'isLevelEnabled'>; journal: ReplyJournal | null },
  ) {
    this.debug = opts.log.isLevelEnabled('debug');
  }

  /** Serve until close(). */
  async run(): Promise<void> {
    try {
      for await (const msg of this.sock) {
        if (this.closing) break; // the socket is closing: no more replies (protocol.md §4.9)
        let frames: Buffer[];
        if (msg.length === 3 && msg[1].length === 0) {
          // a REQ peer's [identity, delimiter, request]: the reply takes the request's place
          msg[2] = this.answer([msg[2]]);
          frames = msg;
        } else {
          const { envelope, body } = splitEnvelope(msg);
          frames = [...envelope, this.answer(body)];
        }
        const journal = this.opts.journal;
        const at = journal?.position ?? 0;
        if (!this.pumping && (!journal || journal.writer.durablePosition >= at)) {
          // the common case, nothing to wait for and nothing queued: send right here, as a bare server would
          await this.sock.send(frames);
          continue;
        }
        this.queue.push({ frames, at });
        if (!this.pumping) void this.pump();
      }
    } catch (e) {
      if (!this.closing) this.opts.log.error(`request socket failed: ${(e as Error).message}`);
    }
  }

  /** Stop reading; the replies already built still go out (each once its changes are durable), then close. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.idle;
    this.sock.close();
  }

  /** The reply frame to one request body. Never throws. */
  private answer(body: Buffer[]): Buffer {
    const first = body[0] ?? Buffer.alloc(0);
    try {
      if (body.length !== 1) return encode({ code: 1, message: `Invalid request: expected a single frame, got ${body.length}` }, 'json');
      const d = decodeRequest(first, this.opts.maxFrameBytes);
      if (!d.ok) return encode({ code: 1, message: d.message }, d.encoding);
      const r = this.handler.handle(d.value);
      if (this.debug) this.opts.log.debug(`request ${typeof d.value.request === 'string' ? d.value.request : '?'} → code ${r.code}${r.message ? `: ${r.message}` : ''}`);
      return encode(r, d.encoding);
    } catch (e) {
      this.opts.log.error(`request handling failed: ${(e as Error).stack}`);
      return encode({ code: 1, message: `Failed to process request: ${(e as Error).message}` }, encodingOf(first));
    }
  }

  /** Send queued replies in order, each once the journal holds what it may reveal. One send in flight at a time. */
  private async pump(): Promise<void> {
    this.pumping = true;
    this.idle = new Promise((r) => (this.resolveIdle = r));
    const journal = this.opts.journal;
    try {
      while (this.head < this.queue.length) {
        const next = this.queue[this.head];
        if (journal && journal.writer.durablePosition < next.at) {
          await journal.writer.durable(next.at, true); // urgent: a client waits (not held back for group commit)
          continue;
        }
        this.queue[this.head++] = undefined as never;
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue.splice(0, this.head);
          this.head = 0;
        }
        // (a ROUTER drops a reply to a client that has gone away; it never blocks)
        if (!this.sock.closed) await this.sock.send(next.frames);
      }
      this.queue.length = this.head = 0;
    } catch (e) {
      if (!this.sock.closed) this.opts.log.error(`cannot send a reply: ${(e as Error).message}`);
    } finally {
      this.pumping = false;
      this.resolveIdle?.();
    }
  }
}

/**
 * A ROUTER message is the routing envelope (the peer's identity, then for REQ peers an empty delimiter frame)
 * and the request body. A peer without the delimiter (a DEALER) gets its reply without one.
 */
export function splitEnvelope(msg: Buffer[]): { envelope: Buffer[]; body: Buffer[] } {
  const delimiter = msg.findIndex((f, i) => i > 0 && f.length === 0);
  if (delimiter < 0) return { envelope: msg.slice(0, 1), body: msg.slice(1) };
  return { envelope: msg.slice(0, delimiter + 1), body: msg.slice(delimiter + 1) };
}
