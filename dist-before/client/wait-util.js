/** Small helpers for the waiting methods of `Manager`. */
import { TimeoutElapsed } from './errors.js';
/** An optional overall time limit. */
export class Deadline {
    timeoutMs;
    end;
    constructor(timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.end = timeoutMs === undefined || timeoutMs === null ? Infinity : Date.now() + Math.max(0, timeoutMs);
    }
    remaining() {
        return Math.max(0, this.end - Date.now());
    }
    check(what = 'wait') {
        if (Date.now() >= this.end)
            throw new TimeoutElapsed(`Timeout elapsed (${this.timeoutMs} ms) during ${what}`);
    }
}
/**
 * A sleep that can be cut short. `wake()` before `sleep()` makes the next sleep return at once, so a wake-up
 * is never lost between checking a condition and going to sleep. `abort()` makes the current and every later
 * sleep reject.
 */
export class Wakeup {
    woken = false;
    error = null;
    current = null;
    wake() {
        const current = this.current;
        if (!current) {
            this.woken = true;
            return;
        }
        this.current = null;
        clearTimeout(current.timer);
        current.resolve(true);
    }
    abort(err) {
        this.error = err;
        const current = this.current;
        this.current = null;
        if (current) {
            clearTimeout(current.timer);
            current.reject(err);
        }
    }
    /** Resolves `true` when woken, `false` after `ms`. */
    sleep(ms) {
        if (this.error)
            return Promise.reject(this.error);
        if (this.woken) {
            this.woken = false;
            return Promise.resolve(true);
        }
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.current = null;
                resolve(false);
            }, ms);
            this.current = { resolve, reject, timer };
        });
    }
}
//# sourceMappingURL=wait-util.js.map