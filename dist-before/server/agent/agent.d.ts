/** Linux errno numbers and glibc strerror texts (libuv's own texts differ: "no such file or directory") */
export declare const ERRNO: Record<string, [number, string]>;
export declare function osErrorMessage(code: string, path: string): string;
