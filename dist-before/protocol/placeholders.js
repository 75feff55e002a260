/**
 * Placeholder substitution (jobs.md §6): exactly Python's `string.Template.safe_substitute`, plus the
 * date/time texts the submit-time placeholders use.
 */
// Python's Template pattern, alternatives in its order: `$$`, `$name`, `${name}`. Identifiers are ASCII only
// (Python compiles them with the `a` flag). A `$` matching none of them (Python's "invalid" group) is left
// alone: the regex simply does not match there and scanning goes on with the next character.
const PATTERN = /\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)|\{([_A-Za-z][_A-Za-z0-9]*)\})/g;
/** `string.Template(template).safe_substitute(vars)`: unknown names are left as they are. */
export function substitute(template, vars) {
    if (!template.includes('$'))
        return template;
    const lookup = typeof vars === 'function' ? vars : (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined);
    return template.replace(PATTERN, (whole, escaped, named, braced) => {
        if (escaped !== undefined)
            return '$';
        const value = lookup((named ?? braced));
        return value === undefined ? whole : value;
    });
}
/**
 * A copy of a JSON value with `substitute` applied to every string value (object keys are kept as they are).
 * Other values (numbers, booleans, null) are returned unchanged.
 */
export function substituteDeep(value, vars) {
    return deep(value, vars);
}
function deep(value, vars) {
    if (typeof value === 'string')
        return substitute(value, vars);
    if (Array.isArray(value))
        return value.map((v) => deep(v, vars));
    if (value !== null && typeof value === 'object' && isPlain(value)) {
        const out = {};
        for (const [k, v] of Object.entries(value))
            setOwn(out, k, deep(v, vars));
        return out;
    }
    return value;
}
const isPlain = (o) => {
    const proto = Object.getPrototypeOf(o);
    return proto === Object.prototype || proto === null;
};
/** `out[key] = value` that also works for the key `__proto__` (which JSON.parse makes an own property). */
export function setOwn(out, key, value) {
    if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else
        out[key] = value;
}
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** The microsecond fraction: the given one (0–999 999), else the Date's milliseconds × 1000. */
const fraction = (d, microseconds) => pad(microseconds ?? d.getMilliseconds() * 1000, 6);
/** Local time as `HH:MM:SS.ffffff`. `microseconds` (0–999 999), when given, replaces the millisecond fraction. */
export function formatTime(d, microseconds) {
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${fraction(d, microseconds)}`;
}
/** Local date and time as `YYYY-MM-DD HH:MM:SS.ffffff` (Python's `str(datetime.now())` with microseconds). */
export function formatDateTime(d, microseconds) {
    return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(d, microseconds)}`;
}
//# sourceMappingURL=placeholders.js.map