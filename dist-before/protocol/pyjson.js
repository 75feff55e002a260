/**
 * JSON text laid out like Python's `json.dumps` defaults (`", "` and `": "` separators), as QCG-PilotJob
 * writes events and reports. Layout carries no meaning; it only makes our output read like theirs.
 */
export function pyJson(v) {
    if (Array.isArray(v))
        return `[${v.map(pyJson).join(', ')}]`;
    if (v !== null && typeof v === 'object') {
        const parts = [];
        for (const [k, x] of Object.entries(v))
            if (x !== undefined)
                parts.push(`${JSON.stringify(k)}: ${pyJson(x)}`);
        return `{${parts.join(', ')}}`;
    }
    return JSON.stringify(v) ?? 'null';
}
//# sourceMappingURL=pyjson.js.map