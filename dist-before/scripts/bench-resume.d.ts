export declare function resumeBench(): Promise<Array<[string, string, string, string]>>;
