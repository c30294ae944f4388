// Server-side entry: the router and what a host needs to serve it.
export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext, type AppServices, type Context, type Logger, type SessionContext } from "./context.ts";
export { createCallerFactory, type FieldErrors } from "./trpc.ts";
