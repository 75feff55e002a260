import { type ChildProcess } from 'node:child_process';
export declare const FINAL: string[];
export declare const REQUEUED = "re-queued after manager restart";
export type Reply = {
    code: number;
    message?: string;
    data?: any;
};
export interface Served {
    child: ChildProcess;
    address: string;
    instanceId: string;
    auxDir: string;
    exited: Promise<number | null>;
    stderr(): string;
    request(obj: Record<string, unknown>): Promise<Reply>;
    close(): void;
}
/** `pilotmq serve --json …` in a child process; resolves once it printed its JSON line. */
export declare function serve(args: string[]): Promise<Served>;
export declare function kill9(m: Served, marker: string): Promise<void>;
export declare function statuses(m: Served, names: string[]): Promise<Record<string, string>>;
export declare function info(m: Served, name: string): Promise<Record<string, unknown>>;
/** A job that sleeps, then appends one line to `<file>` as its last act; `marker` tags its processes. */
export declare function job(name: string, file: string, sleepS: number, marker: string, extra?: Record<string, unknown>): {
    name: string;
    execution: {
        exec: string;
        args: string[];
    };
};
export declare const lines: (wd: string, file: string) => number;
