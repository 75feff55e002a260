export declare const PGID_FILE = "pgid";
export declare const EXIT_FILE = "exit";
/** `<root>/<InstanceId>/jobs`: an InstanceId is one path component ('/' and a leading '.' replaced) */
export declare function jobsRoot(hostRoot: string, instanceId: string): string;
export declare function jobDir(hostRoot: string, instanceId: string, taskId: number): string;
/** The content of an `exit` file as an exit code (-N: signal N), or undefined when it is not one. */
export declare function parseExitFile(text: string): number | undefined;
/** The content of a `pgid` file, or undefined when it is not a process id. */
export declare function parsePgidFile(text: string): number | undefined;
