/**
 * A structural pass over a MessagePack frame before it is decoded (protocol.md §2.1, §2.4): is it exactly one
 * well-formed object, how deeply is it nested, and is every str valid UTF-8?
 *
 * Why not leave this to msgpackr: its decoder recurses (a deep frame exhausts the stack, at a depth that depends
 * on what else is on it) and it decodes invalid UTF-8 in a str silently (to U+FFFD or to lone surrogates), so a
 * job name could differ from the bytes the client sent. This pass is iterative and cheap (one loop over the
 * headers; str payloads are checked natively with `isUtf8`).
 */
import { isUtf8 } from 'node:buffer';

export type ScanResult =
  | { ok: true; depth: number }
  | { ok: false; reason: 'truncated data' | 'unexpected trailing bytes' | 'invalid UTF-8 in a string' | `invalid type byte 0x${string}` }
  | { ok: false; reason: 'too deep' };

/**
 * Scan one frame. `depth` is the deepest value's depth (the top-level value is at depth 0, its elements at 1, …).
 * Stops with 'too deep' as soon as a value lies deeper than `maxDepth`, so a hostile frame costs no more than
 * its first maxDepth levels.
 */
export function scanMsgpack(buf: Uint8Array, maxDepth: number): ScanResult {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const end = buf.length;
  // remaining[d]: values still to read in the container open at depth d (the top level expects one value)
  const remaining: number[] = [1];
  let pos = 0;
  let deepest = 0;
  const need = (n: number): boolean => pos + n <= end;
  while (remaining.length) {
    if (remaining[remaining.length - 1] === 0) {
      remaining.pop();
      continue;
    }
    remaining[remaining.length - 1]--;
    const depth = remaining.length - 1;
    if (depth > maxDepth) return { ok: false, reason: 'too deep' };
    if (depth > deepest) deepest = depth;
    if (!need(1)) return { ok: false, reason: 'truncated data' };
    const b = buf[pos++];
    let children = 0;
    let skip = 0; // payload bytes to skip
    let str = false;
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) {
      // positive/negative fixint, nil, false, true
    } else if (b >= 0x80 && b <= 0x8f) children = 2 * (b & 0x0f);
    else if (b >= 0x90 && b <= 0x9f) children = b & 0x0f;
    else if (b >= 0xa0 && b <= 0xbf) {
      skip = b & 0x1f;
      str = true;
    } else {
      // sized types: [length-field bytes, payload or count rule]
      const sized = SIZED[b];
      if (!sized) return { ok: false, reason: `invalid type byte 0x${b.toString(16)}` };
      const [lenBytes, kind, fixed] = sized;
      let n = fixed;
      if (lenBytes) {
        if (!need(lenBytes)) return { ok: false, reason: 'truncated data' };
        n = lenBytes === 1 ? buf[pos] : lenBytes === 2 ? view.getUint16(pos) : view.getUint32(pos);
        pos += lenBytes;
      }
      if (kind === 'array') children = n;
      else if (kind === 'map') children = 2 * n;
      else {
        skip = n + (kind === 'ext' ? 1 : 0); // ext: type byte, then data
        str = kind === 'str';
      }
    }
    if (skip) {
      if (!need(skip)) return { ok: false, reason: 'truncated data' };
      if (str && !isUtf8(buf.subarray(pos, pos + skip))) return { ok: false, reason: 'invalid UTF-8 in a string' };
      pos += skip;
    }
    // a container cannot hold more values than bytes are left (each takes at least one): fail early on a huge count
    if (children) {
      if (children > end - pos) return { ok: false, reason: 'truncated data' };
      remaining.push(children);
    }
  }
  if (pos !== end) return { ok: false, reason: 'unexpected trailing bytes' };
  return { ok: true, depth: deepest };
}

type Kind = 'scalar' | 'str' | 'bin' | 'ext' | 'array' | 'map';
/** type byte → [bytes of its length field (0: fixed size), kind, fixed payload size] */
const SIZED: Record<number, [number, Kind, number]> = {
  0xc4: [1, 'bin', 0], 0xc5: [2, 'bin', 0], 0xc6: [4, 'bin', 0],
  0xc7: [1, 'ext', 0], 0xc8: [2, 'ext', 0], 0xc9: [4, 'ext', 0],
  0xca: [0, 'scalar', 4], 0xcb: [0, 'scalar', 8],
  0xcc: [0, 'scalar', 1], 0xcd: [0, 'scalar', 2], 0xce: [0, 'scalar', 4], 0xcf: [0, 'scalar', 8],
  0xd0: [0, 'scalar', 1], 0xd1: [0, 'scalar', 2], 0xd2: [0, 'scalar', 4], 0xd3: [0, 'scalar', 8],
  0xd4: [0, 'ext', 1], 0xd5: [0, 'ext', 2], 0xd6: [0, 'ext', 4], 0xd7: [0, 'ext', 8], 0xd8: [0, 'ext', 16],
  0xd9: [1, 'str', 0], 0xda: [2, 'str', 0], 0xdb: [4, 'str', 0],
  0xdc: [2, 'array', 0], 0xdd: [4, 'array', 0],
  0xde: [2, 'map', 0], 0xdf: [4, 'map', 0],
};
