import { type ReportSummary } from '../report/summary.js';
export interface ReportArgs {
    file: string;
    svg?: string;
    cores?: number;
    buckets?: number;
    json: boolean;
}
export declare function reportCommand(args: ReportArgs): Promise<number>;
/** The summary as aligned tables. */
export declare function formatSummary(s: ReportSummary): string;
