// Work an answer must not wait for, e.g. because its cost would tell the caller something
// (a reset email is sent only when the account exists). There is no durable job queue yet:
// the work runs in this process right after the answer, a failure is logged with the
// request id (never dropped silently), and a graceful shutdown waits for what is running.
import type { Logger } from "./logger.ts";

const running = new Set<Promise<void>>();

/** Starts `task` once the current answer is on its way. */
export function runAfterResponse(ctx: { logger: Logger; requestId: string }, what: string, task: () => Promise<void>): void {
  const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .catch((error: unknown) => ctx.logger.error({ err: error, requestId: ctx.requestId, task: what }, `${what} failed after the response`))
    .finally(() => running.delete(run));
  running.add(run);
}

/** Resolves once every task started so far (and any they started) has finished. */
export async function settleAfterResponse(): Promise<void> {
  while (running.size > 0) await Promise.all(running);
}
