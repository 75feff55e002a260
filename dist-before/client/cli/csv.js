/** CSV (RFC 4180) for `pilotmq export --csv`: one record per line, CRLF-free, fields quoted when needed. */
/** A field as CSV: quoted when it holds a comma, quote, CR or LF, or starts/ends with a space; quotes doubled. */
export function csvField(v) {
    return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
export function csvLine(fields) {
    return `${fields.map(csvField).join(',')}\n`;
}
/** Parse CSV text into records of fields (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text) {
    const records = [];
    let record = [];
    let field = '';
    let i = 0;
    let quoted = false;
    while (i < text.length) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i += 2;
                continue;
            }
            if (c === '"')
                quoted = false;
            else
                field += c;
            i++;
            continue;
        }
        if (c === '"' && field === '')
            quoted = true;
        else if (c === ',') {
            record.push(field);
            field = '';
        }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n')
                i++;
            record.push(field);
            records.push(record);
            record = [];
            field = '';
        }
        else
            field += c;
        i++;
    }
    if (field !== '' || record.length) {
        record.push(field);
        records.push(record);
    }
    return records;
}
//# sourceMappingURL=csv.js.map