/** The simulator with a journal: the core's records collected as the manager writes them, replayed as resume does. */
import { Simulator } from './simulator.js';
import type { Job } from '../../server/core/job.js';
import { type JobDescription } from '../../protocol/job.js';
import type { JournalRecord } from '../../server/journal/records.js';
import { ReplayState } from '../../server/journal/replay.js';
/** A simulator whose core journals into `records` (as the manager does: a JSON copy at append time). */
export declare function journaled(nodes?: {
    name: string;
    cores: number;
}[], behaviour?: ConstructorParameters<typeof Simulator>[1]): {
    sim: Simulator;
    records: JournalRecord[];
};
/** Submit as the manager does: full descriptions through acceptJob (iteration sizes from the pool's totals). */
export declare function submit(sim: Simulator, ...descs: Array<Partial<JobDescription> & {
    name: string;
}>): void;
export declare function replay(records: JournalRecord[]): ReplayState;
/** What a client can see of a job table (and what the core needs to go on), as plain data. */
export declare function view(jobs: Iterable<Job>): unknown[];
