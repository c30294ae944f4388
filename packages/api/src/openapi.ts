// The REST view of the procedures that carry `openapi` meta, for callers in other
// languages: generated from the same zod schemas by trpc-to-openapi (no hand-written spec).
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "./root.ts";

export const REST_BASE_PATH = "/api";

export function openApiDocument(options: { publicUrl: string; version: string }): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: "Glow API",
    description:
      "REST view of Glow's public procedures. Authenticate with `Authorization: Bearer <token>`: a personal access token " +
      "(create one in Settings → API tokens) or a session token. TypeScript callers get the full, typed API with `createGlowClient` from `@glow/api/client`.",
    version: options.version,
    baseUrl: `${options.publicUrl.replace(/\/+$/, "")}${REST_BASE_PATH}`,
    docsUrl: `${options.publicUrl.replace(/\/+$/, "")}/docs`,
    tags: ["system", "account", "reset"],
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token (glow_pat_…) or a session token" } },
  });
}
