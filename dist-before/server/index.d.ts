export { startManager } from './manager.js';
export type { ManagerOptions, RunningManager } from './options.js';
