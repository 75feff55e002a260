/** A literal frame, or `IST` + `IFI` of iterations 0..n-1 of `job` (but those in `skip`) in `state`. */
export type Segment = string | {
    job: string;
    state: string;
    n: number;
    skip: number[];
};
