// The router's procedures, read from the router itself so that tests over "every procedure"
// cover a new one without new code, and one way to call any of them over HTTP.
import { appRouter, type GlowMeta } from "@glow/api";
import { z } from "zod";
import { wirePayload } from "./fuzz-inputs.ts";

export type ProcedureType = "query" | "mutation" | "subscription";

export interface Procedure {
  path: string;
  type: ProcedureType;
  /** Its zod input, or undefined when it takes none. */
  parser: z.ZodType | undefined;
  /** For a tenant procedure (input `orgId`), the least role it needs in that organization. */
  tenantRole: "owner" | "staff" | "client" | null;
}

/** tRPC merges a procedure's inputs (tenantProcedure's `orgId`, then its own fields): one object schema says the same. */
function mergedInput(inputs: z.ZodType[]): z.ZodType | undefined {
  if (inputs.length <= 1) return inputs[0];
  return z.object(Object.assign({}, ...inputs.map((input) => (input as z.ZodObject).shape)) as z.ZodRawShape).strip();
}

export const procedures: readonly Procedure[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType; inputs: z.ZodType[]; meta?: GlowMeta } }>,
).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
  parser: mergedInput(procedure._def.inputs),
  tenantRole: procedure._def.meta?.tenantRole ?? null,
}));

/** Every query and mutation whose path starts with `prefix`. */
export function proceduresUnder(prefix: string): Array<{ path: string; type: "query" | "mutation" }> {
  return procedures
    .filter((procedure) => procedure.path.startsWith(prefix) && procedure.type !== "subscription")
    .map(({ path, type }) => ({ path, type: type as "query" | "mutation" }));
}

export interface Answer {
  status: number;
  body: string;
}

/**
 * Calls a procedure as tRPC's client would (superjson; queries GET, mutations POST,
 * subscriptions as an event stream). A stream always starts 200 and tells a refusal in an
 * error event: with `streamWaitMs` it is read that long for one, whose HTTP status is then
 * the answer's; without, it is closed as soon as it starts.
 */
export async function callProcedure(
  baseUrl: string,
  procedure: Pick<Procedure, "path" | "type">,
  input: unknown,
  token: string | null,
  options: { streamWaitMs?: number } = {},
): Promise<Answer> {
  const { path, type } = procedure;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (type === "mutation") {
    const response = await fetch(`${baseUrl}/trpc/${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: wirePayload(input),
    });
    return { status: response.status, body: await response.text() };
  }
  const query = input === undefined ? "" : `?input=${encodeURIComponent(wirePayload(input))}`;
  if (type === "query") {
    const response = await fetch(`${baseUrl}/trpc/${path}${query}`, { headers });
    return { status: response.status, body: await response.text() };
  }
  const aborter = new AbortController();
  const response = await fetch(`${baseUrl}/trpc/${path}${query}`, {
    headers: { ...headers, accept: "text/event-stream" },
    signal: aborter.signal,
  });
  try {
    if (!response.headers.get("content-type")?.includes("text/event-stream"))
      return { status: response.status, body: await response.text() };
    const refusal = options.streamWaitMs ? await streamError(response.body!, options.streamWaitMs) : null;
    return refusal ?? { status: response.status, body: "(event stream)" };
  } finally {
    aborter.abort();
  }
}

/** The first error event of a tRPC event stream within `waitMs`, as an answer with its HTTP status. */
async function streamError(body: ReadableStream<Uint8Array>, waitMs: number): Promise<Answer | null> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const deadline = Date.now() + waitMs;
  let text = "";
  try {
    for (;;) {
      const timeLeft = deadline - Date.now();
      if (timeLeft <= 0) return null;
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), timeLeft))]);
      if (!chunk || chunk.done) return null;
      text += decoder.decode(chunk.value, { stream: true });
      const error = /event: serialized-error\ndata: (.*)\n/.exec(text);
      if (error) {
        const shape = JSON.parse(error[1]!) as { json: { data: { httpStatus: number } } };
        return { status: shape.json.data.httpStatus, body: error[1]! };
      }
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
}
