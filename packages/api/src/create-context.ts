// Who is calling: the credential a request presents, validated into the caller that
// procedures see. It sits above context.ts and the auth services, so neither imports it.
import type { AppServices, Context, IncomingRequest, Caller } from "./context.ts";
import { isApiToken, validateApiToken } from "./modules/auth/tokens.ts";
import { readCredential, type Credential } from "./modules/auth/credentials.ts";
import { validateSessionToken } from "./modules/auth/sessions.ts";

/** Who a presented credential stands for now: null when it is none, unknown, revoked or expired. */
export function validateCredential(services: AppServices, credential: Credential | null): Promise<Caller | null> | null {
  if (!credential) return null;
  return credential.source === "bearer" && isApiToken(credential.token)
    ? validateApiToken(services, credential.token)
    : validateSessionToken(services, credential.token);
}

export async function createContext(services: AppServices, request: IncomingRequest): Promise<Context> {
  const credential = readCredential(request.headers);
  const userAgent = request.headers["user-agent"];
  const caller = await validateCredential(services, credential);
  return {
    ...services,
    requestId: request.requestId,
    ip: request.ip,
    userAgent: typeof userAgent === "string" ? userAgent.slice(0, 512) : null,
    secure: request.secure,
    response: { setHeader: request.setHeader, appendHeader: request.appendHeader },
    credential,
    cookieHeader: typeof request.headers.cookie === "string" ? request.headers.cookie : undefined,
    caller,
  };
}
