/** winston logging: a file in the aux dir (info and up, or the chosen level if lower) and stderr by level. */
import winston from 'winston';
const LEVELS = ['error', 'warn', 'info', 'verbose', 'debug', 'silly'];
/** the loggers that write to stderr, silenced when it goes away (keepServingWithoutStderr) */
const onStderr = new Set();
let stderrGone = null;
/**
 * A manager outlives its terminal and whoever reads its output. When the terminal goes away (the shell that
 * started `pilotmq serve` closes: SIGHUP, then EIO on every write) or the reader of a stderr/stdout pipe does
 * (EPIPE), writes there fail with an 'error' event on the stream, and an 'error' event nobody listens to ends the
 * process. From the first such error on, nothing is written to stderr any more; the log file goes on (with a line
 * saying so). Install once per process, before anything is written.
 */
export function keepServingWithoutStdio() {
    for (const [name, stream] of [['stderr', process.stderr], ['stdout', process.stdout]]) {
        stream.on('error', (e) => {
            if (name !== 'stderr' || stderrGone)
                return;
            stderrGone = e.code ?? e.message;
            for (const { logger, console } of onStderr) {
                console.silent = true;
                logger.warn(`stderr is gone (${stderrGone}): logging to the log file only from now on`);
            }
        });
    }
}
/** Write to stderr unless it has gone away (keepServingWithoutStdio). */
export function writeStderr(line) {
    if (!stderrGone && !process.stderr.destroyed)
        process.stderr.write(line);
}
export function createLogger(file, level = 'warn', toStderr = true) {
    const lvl = LEVELS.includes(level.toLowerCase()) ? level.toLowerCase() : 'warn';
    const fileLevel = LEVELS.indexOf(lvl) > LEVELS.indexOf('info') ? lvl : 'info';
    const transports = [];
    if (file) {
        transports.push(new winston.transports.File({
            filename: file,
            level: fileLevel,
            format: winston.format.combine(winston.format.timestamp(), winston.format.printf((i) => `${i.timestamp} ${i.level.toUpperCase()} ${i.message}`)),
        }));
    }
    let console;
    if (toStderr) {
        console = new winston.transports.Console({
            level: lvl,
            stderrLevels: LEVELS,
            silent: stderrGone !== null,
            format: winston.format.printf((i) => `pilotmq ${i.level}: ${i.message}`),
        });
        transports.push(console);
    }
    if (!transports.length)
        transports.push(new winston.transports.Console({ silent: true }));
    const logger = winston.createLogger({ level: LEVELS.indexOf(fileLevel) > LEVELS.indexOf(lvl) ? fileLevel : lvl, transports });
    if (console) {
        const entry = { logger, console };
        onStderr.add(entry);
        logger.on('finish', () => onStderr.delete(entry));
    }
    return logger;
}
//# sourceMappingURL=log.js.map