// The main process's configuration, read and validated once. Nothing else reads process.env.
import { InvalidUrlError, parseHttpUrl } from "./http-url.ts";

export interface MainEnv {
  /** GLOW_SERVER_URL: wins over the saved setting (for managed installs and CI). */
  serverUrlOverride: string | null;
  /** ELECTRON_RENDERER_URL: electron-vite's dev server, set by `electron-vite dev`. */
  rendererDevUrl: string | null;
}

export class EnvError extends Error {}

function optionalUrl(source: Record<string, string | undefined>, name: string): string | null {
  const value = source[name];
  if (value === undefined || value === "") return null;
  try {
    return parseHttpUrl(value);
  } catch (error) {
    if (error instanceof InvalidUrlError) throw new EnvError(`${name}: ${error.message}`);
    throw error;
  }
}

export function loadMainEnv(source: Record<string, string | undefined> = process.env): MainEnv {
  return {
    serverUrlOverride: optionalUrl(source, "GLOW_SERVER_URL"),
    rendererDevUrl: optionalUrl(source, "ELECTRON_RENDERER_URL"),
  };
}
