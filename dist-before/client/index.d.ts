/** pilotmq client library: the public API. */
export { Manager, type ManagerConfig, type FinishedCallback, type WaitAnyResult } from './manager.js';
export { LocalManager, type LocalManagerConfig } from './local-manager.js';
export { Jobs, MAX_SIMPLE_ITERATIONS, type SimpleJobDescription, type SizeSpec } from './jobs.js';
export { JobInfo, parseAllocation, parseDuration, parseHistory, type HistoryEntry } from './job-info.js';
export { CLIENT_KEY_ENV, SERVER_KEY_ENV, type CurveConfig } from './curve.js';
export { readKeyPairFile, readPublicKey, type CurveKeyPair } from '../protocol/curve-keys.js';
export { EventStream, parseEvent, type ManagerEvent, type Topic } from './events.js';
export { PilotMQError, ConnectionError, InternalError, TimeoutElapsed, InvalidJobDescription, JobNotDefined, FileError, ServiceError, } from './errors.js';
export * from './types.js';
