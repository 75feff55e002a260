import type { ReportEntry } from './parse.js';
export interface GanttOptions {
    /** image width in pixels (default 1200) */
    width?: number;
    /** merge bars above this many tasks (default 5000) */
    mergeAbove?: number;
    /** bars kept when merging (default 20000) */
    maxRects?: number;
}
export declare function gantt(entries: ReportEntry[], opts?: GanttOptions): string;
