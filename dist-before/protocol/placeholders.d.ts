/**
 * Placeholder substitution (jobs.md §6): exactly Python's `string.Template.safe_substitute`, plus the
 * date/time texts the submit-time placeholders use.
 */
export type Vars = Readonly<Record<string, string>> | ((name: string) => string | undefined);
/** `string.Template(template).safe_substitute(vars)`: unknown names are left as they are. */
export declare function substitute(template: string, vars: Vars): string;
/**
 * A copy of a JSON value with `substitute` applied to every string value (object keys are kept as they are).
 * Other values (numbers, booleans, null) are returned unchanged.
 */
export declare function substituteDeep<T>(value: T, vars: Vars): T;
/** `out[key] = value` that also works for the key `__proto__` (which JSON.parse makes an own property). */
export declare function setOwn(out: Record<string, unknown>, key: string, value: unknown): void;
/** Local time as `HH:MM:SS.ffffff`. `microseconds` (0–999 999), when given, replaces the millisecond fraction. */
export declare function formatTime(d: Date, microseconds?: number): string;
/** Local date and time as `YYYY-MM-DD HH:MM:SS.ffffff` (Python's `str(datetime.now())` with microseconds). */
export declare function formatDateTime(d: Date, microseconds?: number): string;
