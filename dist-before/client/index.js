/** pilotmq client library: the public API. */
export { Manager } from './manager.js';
export { LocalManager } from './local-manager.js';
export { Jobs, MAX_SIMPLE_ITERATIONS } from './jobs.js';
export { JobInfo, parseAllocation, parseDuration, parseHistory } from './job-info.js';
export { CLIENT_KEY_ENV, SERVER_KEY_ENV } from './curve.js';
export { readKeyPairFile, readPublicKey } from '../protocol/curve-keys.js';
export { EventStream, parseEvent } from './events.js';
export { PilotMQError, ConnectionError, InternalError, TimeoutElapsed, InvalidJobDescription, JobNotDefined, FileError, ServiceError, } from './errors.js';
export * from './types.js';
//# sourceMappingURL=index.js.map