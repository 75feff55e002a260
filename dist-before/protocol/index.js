/** pilotmq's wire protocol: codec, message and job types, the submit validator, placeholders. */
export * from './codec.js';
export * from './job.js';
export * from './messages.js';
export { parseSubmit } from './submit.js';
export { substitute } from './placeholders.js';
export { parseWallTime } from './walltime.js';
//# sourceMappingURL=index.js.map