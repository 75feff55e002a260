/** winston logging: a file in the aux dir (info and up, or the chosen level if lower) and stderr by level. */
import winston from 'winston';

export type Logger = winston.Logger;

const LEVELS = ['error', 'warn', 'info', 'verbose', 'debug', 'silly'];

export function createLogger(file: string | null, level = 'warn', toStderr = true): Logger {
  const lvl = LEVELS.includes(level.toLowerCase()) ? level.toLowerCase() : 'warn';
  const fileLevel = LEVELS.indexOf(lvl) > LEVELS.indexOf('info') ? lvl : 'info';
  const transports: winston.transport[] = [];
  if (file) {
    transports.push(
      new winston.transports.File({
        filename: file,
        level: fileLevel,
        format: winston.format.combine(winston.format.timestamp(), winston.format.printf((i) => `${i.timestamp} ${i.level.toUpperCase()} ${i.message}`)),
      }),
    );
  }
  if (toStderr) {
    transports.push(
      new winston.transports.Console({
        level: lvl,
        stderrLevels: LEVELS,
        format: winston.format.printf((i) => `pilotmq ${i.level}: ${i.message}`),
      }),
    );
  }
  if (!transports.length) transports.push(new winston.transports.Console({ silent: true }));
  return winston.createLogger({ level: LEVELS.indexOf(fileLevel) > LEVELS.indexOf(lvl) ? fileLevel : lvl, transports });
}
