import { defineConfig } from "electron-vite";
import { rendererConfig } from "./renderer.config.ts";

// electron-vite always leaves `electron` and Node's built-ins external in main and
// preload; `externalizeDeps: false` bundles everything else, so out/ runs without node_modules.
export default defineConfig({
  main: {
    build: { externalizeDeps: false },
  },
  preload: {
    build: {
      externalizeDeps: false,
      // A sandboxed preload cannot be an ES module (Electron's ESM support table), so this
      // one bundle is CommonJS: out/preload/index.cjs, the path main/index.ts loads.
      rolldownOptions: { output: { format: "cjs" } },
    },
  },
  renderer: {
    ...rendererConfig(),
    // Not 5173, which the web app's dev server holds; add this origin to the server's
    // CORS_ORIGINS for `electron-vite dev`.
    server: { port: 5174, strictPort: true },
  },
});
