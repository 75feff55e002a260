/** Protocol message types, re-exported for client users. */
export * from '../protocol/messages.js';
//# sourceMappingURL=types.js.map