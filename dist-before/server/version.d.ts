/** pilotmq's version, from package.json (two levels up from the compiled file: dist/server/ → repo root). */
export declare const VERSION: string;
