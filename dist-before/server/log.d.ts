/** winston logging: a file in the aux dir (info and up, or the chosen level if lower) and stderr by level. */
import winston from 'winston';
export type Logger = winston.Logger;
/**
 * A manager outlives its terminal and whoever reads its output. When the terminal goes away (the shell that
 * started `pilotmq serve` closes: SIGHUP, then EIO on every write) or the reader of a stderr/stdout pipe does
 * (EPIPE), writes there fail with an 'error' event on the stream, and an 'error' event nobody listens to ends the
 * process. From the first such error on, nothing is written to stderr any more; the log file goes on (with a line
 * saying so). Install once per process, before anything is written.
 */
export declare function keepServingWithoutStdio(): void;
/** Write to stderr unless it has gone away (keepServingWithoutStdio). */
export declare function writeStderr(line: string): void;
export declare function createLogger(file: string | null, level?: string, toStderr?: boolean): Logger;
