/**
 * JSON text laid out like Python's `json.dumps` defaults (`", "` and `": "` separators), as QCG-PilotJob
 * writes events and reports. Layout carries no meaning; it only makes our output read like theirs.
 */
export declare function pyJson(v: unknown): string;
