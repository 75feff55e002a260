/**
 * The job description after validation (jobs.md §1–§5): the standard form with defaults filled in and
 * submit-time placeholders (pass 1) already substituted. Every layer after the submit handler works
 * on this shape only.
 */
export const FINAL_STATES = ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED'];
export const isFinal = (s) => s === 'SUCCEED' || s === 'FAILED' || s === 'CANCELED' || s === 'OMITTED';
//# sourceMappingURL=job.js.map