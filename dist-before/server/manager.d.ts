import type { ManagerOptions, RunningManager } from './options.js';
export declare function startManager(opts?: ManagerOptions): Promise<RunningManager>;
