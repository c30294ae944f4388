import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app calls the API on its own origin; in development Vite proxies to the server.
const apiUrl = process.env.GLOW_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/trpc": { target: apiUrl, changeOrigin: false },
      "/health": { target: apiUrl },
      // OAuth providers send the browser back to /auth/oauth/<provider>/callback on this origin.
      "/auth/": { target: apiUrl, changeOrigin: false },
      // Signed file URLs (videos, uploads) point at PUBLIC_URL, the web app's own origin by default.
      "/files/": { target: apiUrl, changeOrigin: false },
      // The local sandbox platform's consent page (PUBLIC_URL/publish/sandbox/authorize) is the server's.
      "/publish/sandbox/": { target: apiUrl, changeOrigin: false },
      // The payments sandbox's checkout page and webhooks (decision 025) are the server's too.
      "/payments/": { target: apiUrl, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  // No source maps in the build: served, they would publish the app's full sources.
  build: { sourcemap: false },
});
