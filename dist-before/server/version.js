import { readFileSync } from 'node:fs';
/** pilotmq's version, from package.json (two levels up from the compiled file: dist/server/ → repo root). */
export const VERSION = (() => {
    for (const rel of ['../../package.json', '../package.json']) {
        try {
            return JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')).version;
        }
        catch {
            // try the next location
        }
    }
    return '0.0.0';
})();
//# sourceMappingURL=version.js.map