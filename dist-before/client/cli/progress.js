/**
 * The live progress line of `pilotmq wait` on a terminal: finished/total, counts by state, elapsed time.
 * Redrawn at most a few times a second, in place (carriage return), on stderr.
 */
import { countStates, formatCounts, formatElapsed } from './output.js';
export class Progress {
    stream;
    states = new Map();
    started = Date.now();
    timer = null;
    lastLength = 0;
    constructor(stream, 
    /** names being waited for (more may be added with `track`) */
    names = []) {
        this.stream = stream;
        for (const name of names)
            this.states.set(name, '');
    }
    /** Start redrawing periodically (only the elapsed time changes between events). */
    start(intervalMs = 250) {
        this.render();
        this.timer = setInterval(() => this.render(), intervalMs);
        return this;
    }
    /** A job to count (state '' while unfinished). */
    track(name, state = '') {
        this.states.set(name, state);
    }
    finished(name, state) {
        this.states.set(name, state);
    }
    /** Stop redrawing and clear the line. */
    stop() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = null;
        this.stream.write(`\r${' '.repeat(this.lastLength)}\r`);
    }
    elapsedSeconds() {
        return (Date.now() - this.started) / 1000;
    }
    render() {
        const done = [...this.states.values()].filter(Boolean);
        const counts = formatCounts(countStates(done));
        const line = `waiting: ${done.length}/${this.states.size} finished${counts ? ` (${counts})` : ''}, ${formatElapsed(this.elapsedSeconds())}`;
        const width = this.stream.columns ? this.stream.columns - 1 : line.length;
        const shown = line.slice(0, width);
        this.stream.write(`\r${shown}${' '.repeat(Math.max(0, this.lastLength - shown.length))}`);
        this.lastLength = shown.length;
    }
}
//# sourceMappingURL=progress.js.map