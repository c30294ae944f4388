// Packaging with electron-builder (`pnpm --filter @glow/desktop package`), found by its
// name: electron-builder reads electron-builder.ts next to package.json. It packages what
// `electron-vite build` wrote to out/ (main, preload and renderer, each one bundle with its
// dependencies in it), so the app ships no node_modules.
import type { Configuration } from "electron-builder";

const config: Configuration = {
  appId: "dev.glow.desktop",
  productName: "Glow",
  copyright: "Copyright © Glow",
  directories: { output: "release/${version}", buildResources: "build" },
  files: ["out/**/*", "!out/**/*.map", "package.json", "!node_modules/**/*"],
  asar: true,
  // glow:// for the sign-in callback: CFBundleURLTypes in the macOS Info.plist, MimeType
  // x-scheme-handler/glow in the Linux .desktop file; on Windows the app registers itself
  // at start (app.setAsDefaultProtocolClient), as NSIS has no protocol option.
  protocols: [{ name: "Glow", schemes: ["glow"] }],
  // Electron's own switches, turned off in the binary: no ELECTRON_RUN_AS_NODE, no
  // NODE_OPTIONS or --inspect, and the app is loaded only from its checked app.asar.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  },
  linux: {
    target: ["AppImage", "deb"],
    category: "Office",
    executableName: "glow",
    maintainer: "Glow <desktop@glow.dev>",
    description: "Glow for power users and admins",
    icon: "build/icon.png",
  },
  deb: {
    // safeStorage keeps the session token in the Secret Service (GNOME Keyring or KWallet).
    depends: ["libsecret-1-0"],
  },
  mac: {
    target: ["dmg"],
    category: "public.app-category.productivity",
    icon: "build/icon.png",
    hardenedRuntime: true,
  },
  dmg: { title: "Glow ${version}" },
  win: {
    target: ["nsis"],
    icon: "build/icon.png",
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
};

export default config;
