import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  appRouter,
  createContext,
  finishOAuth,
  OAUTH_PROVIDER_IDS,
  openApiDocument,
  REST_BASE_PATH,
  setCookies,
  type AppServices,
  type OAuthProviderId,
} from "@glow/api";
import type { AnyRouter } from "@trpc/server";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { DOCS_CSP, renderApiDocs } from "./http/api-docs.ts";
import { createFilesHandler, FILES_PREFIX } from "./http/files.ts";
import { createPaymentsHandler, PAYMENTS_PREFIX } from "./http/payments.ts";
import { createSandboxPlatformHandler, SANDBOX_PLATFORM_PREFIX } from "./http/sandbox-platform.ts";
import { checkHealth } from "./http/health.ts";
import { METRICS_PATH, serveMetrics } from "./http/metrics.ts";
import { clientAddress, compileTrustProxy, incomingRequest, isForeignOrigin, requestTarget, type TrustProxy } from "./http/incoming.ts";
import { readRestJsonBody } from "./http/request-body.ts";
import { REQUEST_ID_HEADER, requestIdFor } from "./http/request-id.ts";
import { withIdempotency, type IdempotencyCaller } from "./http/idempotency.ts";
import { createSecurity } from "./http/security.ts";
import { createNodeTrpcHandler } from "./http/trpc-node.ts";
import { createWebAppHandler } from "./http/web-app.ts";

export interface GlowServerOptions {
  services: AppServices;
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Whose X-Forwarded-For/-Proto count: a hop count or proxy addresses (decision 014); true means 1. */
  trustProxy?: boolean | TrustProxy;
  /** A built web app to serve at / (same origin as the API), if any. */
  webDistDir?: string | null;
  /** Origins signed file URLs point at, when not this server's (an S3 bucket): the web app's CSP lets media and uploads reach them. */
  fileOrigins?: readonly string[];
  /** The router to serve; tests pass their own to exercise the HTTP layer. */
  router?: AnyRouter;
  /** METRICS_TOKEN: /metrics answers scrapers that send it; null or absent keeps /metrics off (404). */
  metricsToken?: string | null;
}

export interface GlowServer {
  server: http.Server;
  listen(port: number, host: string): Promise<{ port: number; url: string }>;
  /** Stops accepting connections and waits for in-flight requests (up to the shutdown timeout). */
  close(): Promise<void>;
}

const requestIds = new WeakMap<IncomingMessage, string>();

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

export function createGlowServer(options: GlowServerOptions): GlowServer {
  const { services, corsOrigins, bodyLimitBytes, shutdownTimeoutMs } = options;
  const { logger } = services;
  const applySecurity = createSecurity(corsOrigins);
  const trustProxy = compileTrustProxy(options.trustProxy ?? 0);
  const allowedOrigins = new Set([...corsOrigins, new URL(services.config.publicUrl).origin, new URL(services.config.webUrl).origin]);
  const serveWebApp = options.webDistDir ? createWebAppHandler(options.webDistDir, options.fileOrigins) : null;
  const serveFiles = createFilesHandler(services.storage);
  const servePayments = createPaymentsHandler(services, { bodyLimitBytes, clientIp: (req) => clientAddress(req, trustProxy).ip });
  const serveSandboxPlatform = createSandboxPlatformHandler(services);
  const contextFor = (req: IncomingMessage, res: ServerResponse) =>
    createContext(services, incomingRequest(req, res, requestIds.get(req) ?? "unknown", trustProxy));

  const trpc = createNodeTrpcHandler({
    router: options.router ?? appRouter,
    basePath: "/trpc/",
    maxBodySize: bodyLimitBytes,
    createContext: contextFor,
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logger.error({ err: error.cause ?? error, path, requestId: ctx?.requestId }, "procedure failed");
      }
    },
  });

  let closing = false;

  // The Node-level handler: it passes our IncomingMessage to createContext (the standalone wrapper passes a Fetch Request).
  const rest = createOpenApiNodeHttpHandler<typeof appRouter, IncomingMessage, ServerResponse>({
    router: appRouter,
    maxBodySize: bodyLimitBytes,
    createContext: ({ req, res }) => contextFor(req, res),
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error.cause ?? error, path, requestId: ctx?.requestId }, "REST call failed");
    },
  });
  /** Who holds an Idempotency-Key, checked now through the api's own credential validation. */
  async function idempotencyCaller(req: IncomingMessage, res: ServerResponse): Promise<IdempotencyCaller> {
    const ctx = await contextFor(req, res);
    if (ctx.caller) return { kind: "signed-in", userId: ctx.caller.userId };
    return ctx.credential ? { kind: "ended" } : { kind: "anonymous" };
  }

  // Built on first request: it walks the whole router.
  let apiDocument: ReturnType<typeof openApiDocument> | null = null;
  const document = () => (apiDocument ??= openApiDocument({ publicUrl: services.config.publicUrl, version: services.version }));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIdFor(req);
    requestIds.set(req, requestId);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (closing) res.setHeader("connection", "close");
    const started = performance.now();
    res.on("finish", () => {
      // While draining, a keep-alive socket whose last request just ended is let go at once.
      if (closing) setImmediate(() => server.closeIdleConnections());
      logger.info(
        // The path only: query strings carry signed file URLs and tokens (an invitation's preview) that logs must not hold.
        {
          requestId,
          method: req.method,
          url: req.url?.split("?", 1)[0],
          status: res.statusCode,
          ms: +(performance.now() - started).toFixed(1),
        },
        "request",
      );
    });

    if (!applySecurity(req, res)) return;
    const url = requestTarget(req);
    if (!url) {
      sendJson(res, 400, { error: "Malformed request target", requestId });
      return;
    }
    req.url = url.pathname + url.search; // absolute-form targets become origin-form for every handler below
    const { pathname } = url;

    if (isForeignOrigin(req, allowedOrigins)) {
      sendJson(res, 403, { error: "Cross-site request refused", requestId });
      return;
    }

    const oauthCallback = /^\/auth\/oauth\/([a-z]+)\/callback$/.exec(pathname);
    if (pathname === "/health" && (req.method === "GET" || req.method === "HEAD")) {
      const health = await checkHealth(services);
      sendJson(res, health.db === "ok" ? 200 : 503, health);
    } else if (pathname === METRICS_PATH && req.method === "GET") {
      if (!(await serveMetrics(req, res, services.metrics, options.metricsToken ?? null)))
        sendJson(res, 404, { error: "Not found", requestId });
    } else if (pathname === "/openapi.json" && req.method === "GET") {
      sendJson(res, 200, document());
    } else if (pathname === "/docs" && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": DOCS_CSP, "cache-control": "no-cache" });
      res.end(renderApiDocs(document()));
    } else if (pathname.startsWith(`${REST_BASE_PATH}/`)) {
      req.url = req.url!.slice(REST_BASE_PATH.length); // the REST handler routes on the path below /api
      if (await readRestJsonBody(req, res, bodyLimitBytes, requestId)) await rest(req, res);
    } else if (pathname.startsWith("/trpc/")) {
      const idempotent = await withIdempotency({
        cache: services.cache,
        req,
        res,
        url,
        basePath: "/trpc/",
        bodyLimitBytes,
        requestId,
        caller: () => idempotencyCaller(req, res),
        handle: (body) => trpc(req, res, url, body),
      });
      if (!idempotent) await trpc(req, res, url);
    } else if (pathname.startsWith(FILES_PREFIX)) {
      await serveFiles(req, res, url, requestId); // its own size limit, not bodyLimitBytes
    } else if (pathname.startsWith(PAYMENTS_PREFIX)) {
      await servePayments(req, res, url, requestId);
    } else if (pathname.startsWith(SANDBOX_PLATFORM_PREFIX)) {
      await serveSandboxPlatform(req, res, url); // the local sandbox platform's consent and post pages
    } else if (oauthCallback && req.method === "GET" && OAUTH_PROVIDER_IDS.includes(oauthCallback[1] as OAuthProviderId)) {
      await handleOAuthCallback(req, res, oauthCallback[1] as OAuthProviderId);
    } else if (serveWebApp && (req.method === "GET" || req.method === "HEAD") && !pathname.startsWith("/auth/")) {
      if (!(await serveWebApp(req, res))) sendJson(res, 404, { error: "Not found", requestId });
    } else {
      sendJson(res, 404, { error: "Not found", requestId });
    }
  }

  /** The provider sends the browser back here; it lands on the web app signed in (or with an error code saying why not). */
  async function handleOAuthCallback(req: IncomingMessage, res: ServerResponse, provider: OAuthProviderId): Promise<void> {
    const params = new URL(req.url ?? "/", "http://glow.invalid").searchParams;
    const ctx = await contextFor(req, res);
    const outcome = await finishOAuth(ctx, provider, {
      code: params.get("code"),
      state: params.get("state"),
      error: params.get("error"),
    });
    setCookies(ctx.response, outcome.cookies, ctx.secure);
    if (outcome.client === "desktop") {
      // Back to the desktop app through its custom protocol (decision 008).
      const target = new URL("glow://auth/callback");
      if (outcome.kind === "desktop-code") target.searchParams.set("code", outcome.code);
      else if (outcome.kind === "linked") target.searchParams.set("linked", provider);
      else if (outcome.kind === "failed") target.searchParams.set("error", outcome.code);
      res.writeHead(302, { location: target.toString(), "cache-control": "no-store" });
      res.end();
      return;
    }
    const target = new URL(services.config.webUrl);
    if (outcome.kind === "signed-in") target.pathname = "/";
    else if (outcome.kind === "linked") {
      target.pathname = "/settings";
      target.searchParams.set("linked", provider);
    } else {
      target.pathname = "/sign-in";
      // Only a code: the sign-in page words the ones it knows, so a link cannot choose the text shown.
      target.searchParams.set("error", outcome.kind === "failed" ? outcome.code : "oauth_failed");
    }
    res.writeHead(302, { location: target.toString(), "cache-control": "no-store" });
    res.end();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, requestId: requestIds.get(req) }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "Internal server error", requestId: requestIds.get(req) });
      else res.destroy();
    });
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({ port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        closing = true;
        const forceTimer = setTimeout(() => {
          logger.warn({ timeoutMs: shutdownTimeoutMs }, "shutdown timeout: closing remaining connections");
          server.closeAllConnections();
        }, shutdownTimeoutMs);
        server.close(() => {
          clearTimeout(forceTimer);
          resolve();
        });
        // Keep-alive sockets with no request in flight would otherwise hold close() open.
        server.closeIdleConnections();
      });
    },
  };
}
