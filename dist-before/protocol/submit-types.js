export {};
//# sourceMappingURL=submit-types.js.map