/**
 * Client errors, named after QCG-PilotJob's `qcg.pilotjob.api.errors` so code ported from Python reads the same.
 * Every error the client throws is a PilotMQError.
 */
export class PilotMQError extends Error {
    constructor(message) {
        super(message);
        this.name = new.target.name;
    }
}
/**
 * A `code 1` reply (`Request failed - <message>`; `serverMessage` holds the manager's message), or a
 * connection that cannot be made or is closed (no `serverMessage`).
 */
export class ConnectionError extends PilotMQError {
    serverMessage;
    constructor(message, serverMessage) {
        super(message);
        this.serverMessage = serverMessage;
    }
}
/** A reply that does not have the expected shape (e.g. an OK reply without `data`). */
export class InternalError extends PilotMQError {
}
/** No reply (or no awaited event) within the allowed time. */
export class TimeoutElapsed extends PilotMQError {
}
/** A job description rejected by the client-side checks of `Jobs` (jobs.md §13). */
export class InvalidJobDescription extends PilotMQError {
}
/** `Jobs.remove` of a name that is not in the group. */
export class JobNotDefined extends PilotMQError {
}
/** A job file that cannot be read, parsed or written. */
export class FileError extends PilotMQError {
}
/** The manager cannot provide a service (no event publisher, local manager failed to start, …). */
export class ServiceError extends PilotMQError {
}
//# sourceMappingURL=errors.js.map