import type { RuntimeData } from '../types.js';
/** A history entry; `date` is made on demand (a million tasks' Date objects cost hundreds of MB). */
export declare class ReportHistoryEntry {
    readonly state: string;
    /** epoch microseconds (the report's own precision) */
    readonly us: number;
    constructor(state: string, 
    /** epoch microseconds (the report's own precision) */
    us: number);
    /** local time, millisecond precision */
    get date(): Date;
}
export interface ReportEntry {
    /** `NAME` or `NAME:IDX` */
    name: string;
    /** the job's name (`NAME`) */
    job: string;
    iteration?: number;
    state: string;
    history: ReportHistoryEntry[];
    runtime: RuntimeData;
    messages?: string;
    /** 1-based line of the entry's first line */
    line: number;
}
export interface ParsedReport {
    format: 'text' | 'json';
    entries: ReportEntry[];
    /** a partially written last line was dropped */
    truncated: boolean;
}
export declare class ReportParseError extends Error {
    readonly line: number;
    constructor(line: number, message: string);
}
/** Parse a whole report held in memory. */
export declare function parseReport(text: string): ParsedReport;
/** Read and parse a report file, streaming (reports of a million tasks exceed a string's maximum length). */
export declare function readReport(file: string): Promise<ParsedReport>;
