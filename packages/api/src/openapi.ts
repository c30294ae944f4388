// The REST view of the procedures that carry `openapi` meta, for callers in other
// languages: generated from the same zod schemas by trpc-to-openapi (no hand-written spec).
import type { AnyTRPCProcedure } from "@trpc/server";
import { generateOpenApiDocument, type OpenAPIObject, type OpenApiMeta } from "trpc-to-openapi";
import { SESSION_COOKIE } from "./modules/auth/credentials.ts";
import { appRouter } from "./root.ts";
import { publicProcedure } from "./trpc.ts";

export const REST_BASE_PATH = "/api";

const SECURITY_SCHEMES = {
  bearer: { type: "http", scheme: "bearer", description: "A personal access token (glow_pat_…) or a session token" },
  sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The web app's session cookie (same-origin browsers)" },
} as const;

type Procedure = AnyTRPCProcedure & { _def: { middlewares: unknown[]; meta?: OpenApiMeta } };

/** Built on publicProcedure (its first middleware is the public one): anonymous callers get in. */
function isPublic(procedure: Procedure): boolean {
  return procedure._def.middlewares[0] === (publicProcedure as unknown as Procedure)._def.middlewares[0];
}

/**
 * Security comes from the procedure's tier, not from a meta flag one can forget (the
 * generator protects every operation unless told otherwise): signed-in procedures need a
 * credential; public ones need none, and those marked `protect` read one if it is sent.
 */
function withSecurityOfTier(procedure: Procedure): { procedure: Procedure; optionalCredential: boolean } {
  const openapi = procedure._def.meta?.openapi;
  if (!openapi) return { procedure, optionalCredential: false };
  const open = isPublic(procedure);
  const view = {
    ...procedure,
    _def: { ...procedure._def, meta: { ...procedure._def.meta, openapi: { ...openapi, protect: !open || openapi.protect === true } } },
  };
  return { procedure: view as Procedure, optionalCredential: open && openapi.protect === true };
}

export function openApiDocument(options: { publicUrl: string; version: string }): OpenAPIObject {
  const optional = new Set<string>();
  const procedures: Record<string, Procedure> = {};
  for (const [path, procedure] of Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)) {
    const tiered = withSecurityOfTier(procedure);
    procedures[path] = tiered.procedure;
    const openapi = procedure._def.meta?.openapi;
    if (tiered.optionalCredential && openapi) optional.add(`${openapi.method.toLowerCase()} ${openapi.path}`);
  }
  const document = generateOpenApiDocument({ ...appRouter, _def: { ...appRouter._def, procedures } } as unknown as typeof appRouter, {
    title: "Glow API",
    description:
      "REST view of Glow's public procedures. Authenticate with `Authorization: Bearer <token>`: a personal access token " +
      "(create one in Settings → API tokens) or a session token. Operations without a security requirement need no credential. " +
      "TypeScript callers get the full, typed API with `createGlowClient` from `@glow/api/client`.",
    version: options.version,
    baseUrl: `${options.publicUrl.replace(/\/+$/, "")}${REST_BASE_PATH}`,
    docsUrl: `${options.publicUrl.replace(/\/+$/, "")}/docs`,
    tags: ["system", "account", "reset"],
    securitySchemes: SECURITY_SCHEMES,
  });
  // "Signed in or not": the empty requirement lets anonymous callers through as well.
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations as Record<string, { security?: unknown[] }>)) {
      if (optional.has(`${method} ${path}`) && operation.security) operation.security = [{}, ...operation.security];
    }
  }
  return document;
}
