import { type ServeArgs } from './serve-options.js';
export declare function serve(args: ServeArgs, json: boolean): Promise<number>;
