export interface ReportEntry {
    name: string;
    state: string;
    messages: string;
    history: Array<{
        date: string;
        state: string;
    }>;
    runtime: Array<[string, string]>;
    /** the entry ended with an empty tab line (entries without runtime) */
    emptyLine: boolean;
}
/** Split a text report into entries, asserting the layout of each. */
export declare function parseTextReport(text: string): ReportEntry[];
