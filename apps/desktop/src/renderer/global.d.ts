import type { GlowBridge } from "../shared/bridge.ts";

declare global {
  interface Window {
    /** Exposed by the preload script; missing when the page is opened outside the desktop app. */
    glow?: GlowBridge;
  }
}
