export declare function keygenCommand(args: {
    out?: string;
    name: string;
    json: boolean;
}): number;
