import type { Manager } from '../manager.js';
export interface ExportArgs {
    csv?: boolean;
    jsonl?: boolean;
    out?: string;
    from?: string;
}
/** Export from a running manager. */
export declare function exportFromManager(m: Manager, args: ExportArgs): Promise<number>;
/** Export from the journal in DIR (a manager's --wd or aux dir). */
export declare function exportFromJournal(args: ExportArgs): Promise<number>;
