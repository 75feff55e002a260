export declare class Progress {
    private readonly stream;
    private readonly states;
    private readonly started;
    private timer;
    private lastLength;
    constructor(stream: NodeJS.WriteStream, 
    /** names being waited for (more may be added with `track`) */
    names?: Iterable<string>);
    /** Start redrawing periodically (only the elapsed time changes between events). */
    start(intervalMs?: number): this;
    /** A job to count (state '' while unfinished). */
    track(name: string, state?: string): void;
    finished(name: string, state: string): void;
    /** Stop redrawing and clear the line. */
    stop(): void;
    elapsedSeconds(): number;
    private render;
}
