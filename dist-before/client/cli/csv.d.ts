/** CSV (RFC 4180) for `pilotmq export --csv`: one record per line, CRLF-free, fields quoted when needed. */
/** A field as CSV: quoted when it holds a comma, quote, CR or LF, or starts/ends with a space; quotes doubled. */
export declare function csvField(v: string): string;
export declare function csvLine(fields: string[]): string;
/** Parse CSV text into records of fields (quoted fields may hold commas, quotes and newlines). */
export declare function parseCsv(text: string): string[][];
