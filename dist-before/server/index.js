export { startManager } from './manager.js';
//# sourceMappingURL=index.js.map