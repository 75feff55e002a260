import type { FileMover } from '../staging.js';
import type { SessionPool } from './session-pool.js';
export declare function sftpMover(pool: SessionPool, host: string): FileMover;
