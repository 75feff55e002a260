/**
 * The request side of a client: one ZMQ REQ socket, one request in flight at a time (a promise queue), and a
 * receive timeout per request. A REQ socket that missed its reply cannot send again, so after a timeout the
 * socket is thrown away and a new one is connected for the next request (protocol.md §1, client rules).
 */
import { Request } from 'zeromq';
import { decodeReply, encode, type Encoding } from '../protocol/codec.js';
import type { CurveSocketOptions } from './curve.js';
import { ConnectionError, InternalError, TimeoutElapsed } from './errors.js';

export interface Reply {
  code: number;
  message?: string;
  data?: unknown;
}

export class RequestChannel {
  private socket: Request | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    readonly address: string,
    private readonly encoding: Encoding,
    /** CURVE keys (a manager with --curve-secret-key), or null */
    private readonly curve: CurveSocketOptions | null = null,
  ) {}

  /**
   * Send one request and return its validated reply. `code 1` → ConnectionError("Request failed - <message>");
   * a malformed reply, or (unless `allowNoData`) an OK reply without `data` → InternalError.
   */
  request(body: Record<string, unknown>, timeoutMs: number, allowNoData = false): Promise<Reply> {
    const run = () => this.exchange(body, timeoutMs).then((reply) => validate(reply, allowNoData));
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Close the socket; a request in flight fails with ConnectionError. Later requests fail too. */
  close(): void {
    this.closed = true;
    this.dropSocket();
  }

  private async exchange(body: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    if (this.closed) throw new ConnectionError('Not connected');
    let socket: Request;
    try {
      socket = this.connected();
    } catch (err) {
      throw new ConnectionError(`Failed to connect to ${this.address} - ${(err as Error).message}`);
    }
    // zeromq takes whole milliseconds; -1 would mean "forever", so keep at least 1
    const ms = Math.max(1, Math.ceil(timeoutMs));
    socket.sendTimeout = ms;
    socket.receiveTimeout = ms;
    let frame: Buffer;
    try {
      await socket.send(encode(body, this.encoding));
      [frame] = await socket.receive();
    } catch (err) {
      if (this.closed) throw new ConnectionError('Connection closed');
      this.dropSocket();
      if ((err as { code?: string }).code === 'EAGAIN') {
        throw new TimeoutElapsed(`No reply from the manager at ${this.address} within ${ms} ms`);
      }
      throw new ConnectionError(`Failed to communicate with ${this.address} - ${(err as Error).message}`);
    }
    try {
      return decodeReply(frame);
    } catch (err) {
      throw new InternalError(`Invalid reply from the service: ${(err as Error).message}`);
    }
  }

  private connected(): Request {
    if (!this.socket) {
      // linger 0: a request to a manager that never answered must not keep the process alive at exit
      const socket = new Request({ linger: 0, ...this.curve });
      try {
        socket.connect(this.address);
      } catch (err) {
        socket.close();
        throw err;
      }
      this.socket = socket;
    }
    return this.socket;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket && !socket.closed) socket.close();
  }
}

function validate(reply: unknown, allowNoData: boolean): Reply {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply) || !('code' in reply)) {
    throw new InternalError('Invalid reply from the service');
  }
  const r = reply as Reply;
  if (r.code !== 0) {
    const message = r.message ?? '';
    throw new ConnectionError(r.message !== undefined ? `Request failed - ${message}` : 'Request failed', message);
  }
  if (!allowNoData && r.data === undefined) throw new InternalError('Invalid reply from the service');
  return r;
}
