import { isIP } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { IncomingRequest } from "@glow/api";
import proxyAddr from "proxy-addr";

/**
 * Which peers may speak for the client in X-Forwarded-For / X-Forwarded-Proto (decision 014):
 * a hop count (0 = none, 1 = the peer on the socket, …) or the proxies' addresses and CIDR
 * ranges (with proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = number | readonly string[];

/** Decides, hop by hop from the socket outwards, whether that address is a proxy of ours. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** Compiles the setting once per server; throws a TypeError naming a bad address. Null trusts no one. */
export function compileTrustProxy(setting: boolean | TrustProxy): ProxyTrust | null {
  if (typeof setting === "boolean") return setting ? compileTrustProxy(1) : null;
  if (typeof setting === "number") {
    if (!Number.isInteger(setting) || setting < 0) throw new TypeError(`invalid hop count: ${setting}`);
    return setting === 0 ? null : (_address, hop) => hop < setting;
  }
  return setting.length === 0 ? null : proxyAddr.compile([...setting]);
}

/** TRUST_PROXY as written in the environment: `0`/`1`/`false`/`true`, a hop count, or a comma list of addresses. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === "false") return 0;
  if (text === "true") return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const addresses = text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  compileTrustProxy(addresses); // throws on an address proxy-addr cannot read
  return addresses;
}

const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * The client's address and scheme. Proxies append to X-Forwarded-For, so only its right end
 * is theirs: walk from the socket leftwards while the address is a trusted proxy and take the
 * first one that is not (proxy-addr). X-Forwarded-Proto counts only from the same hop.
 */
export function clientAddress(req: IncomingMessage, trust: ProxyTrust | null): { ip: string; secure: boolean } {
  const socketIp = req.socket.remoteAddress;
  const overTls = Boolean((req.socket as TLSSocket).encrypted);
  if (socketIp === undefined) return { ip: "unknown", secure: overTls }; // the socket already closed
  if (!trust || !trust(socketIp, 0)) return { ip: plainAddress(socketIp), secure: overTls };

  const chain = proxyAddr.all(req, trust);
  // An entry that is no address at all was not written by a proxy of ours: stop before it.
  const end = chain.findIndex((address) => isIP(address) === 0);
  const hops = (end === -1 ? chain.length : Math.max(1, end)) - 1;
  const ip = plainAddress(chain[hops]!);

  // Each proxy appends the scheme it was reached with; the entry as many from the right as
  // the hops walked is the one the client used (the leftmost when a proxy overwrote the list).
  const protos = forwardedList(req.headers["x-forwarded-proto"]);
  const proto = protos.length === 0 ? null : (protos[protos.length - Math.max(1, hops)] ?? protos[0]!);
  return { ip, secure: proto === null ? overTls : proto.toLowerCase() === "https" };
}

function forwardedList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The request as the api's context sees it; forwarded headers count only from trusted proxies. */
export function incomingRequest(req: IncomingMessage, res: ServerResponse, requestId: string, trust: ProxyTrust | null): IncomingRequest {
  const { ip, secure } = clientAddress(req, trust);
  return {
    requestId,
    ip,
    headers: req.headers,
    secure,
    setHeader: (name, value) => {
      if (!res.headersSent) res.setHeader(name, value);
    },
    appendHeader: (name, value) => {
      if (!res.headersSent) res.appendHeader(name, value);
    },
  };
}

/** The request target on our own origin, or null when it is no URL at all (`//[`, `http://[::1`): a 400, not a 500. */
export function requestTarget(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? "/", "http://glow.invalid");
  } catch {
    return null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a state-changing request that says it comes from another site is refused.
 * Browsers send Origin on every cross-site POST; callers without one are not browsers
 * acting on a victim's cookies.
 */
export function isForeignOrigin(req: IncomingMessage, allowedOrigins: ReadonlySet<string>): boolean {
  if (SAFE_METHODS.has(req.method ?? "GET")) return false;
  const origin = req.headers.origin;
  return origin !== undefined && !allowedOrigins.has(origin);
}
