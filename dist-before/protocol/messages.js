export { FINAL_STATES, isFinal } from './job.js';
//# sourceMappingURL=messages.js.map