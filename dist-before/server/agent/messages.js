/**
 * The pipe protocol between the manager and a node agent (server/agent/agent.ts).
 *
 * One JSON object per line in each direction (agent stdin: commands, agent stdout: reports).
 * JSON lines keep the agent free of npm dependencies, so the same single file can be copied to and run
 * on an SSH host with nothing but `node`.
 */
export {};
//# sourceMappingURL=messages.js.map