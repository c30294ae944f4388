// Stops `pnpm install`, `pnpm dev`, `pnpm test` and `pnpm build` at once on a Node.js that
// cannot run Glow, saying which version to get and how (instead of ERR_UNKNOWN_FILE_EXTENSION
// ".ts" later). Run from package.json: `preinstall`, and first in every script that runs Glow.
//
// CommonJS, no dependencies and old syntax on purpose: any Node that starts must be able to
// read this file and print the message. Not pnpm's `engineStrict`: it stops the install before
// this script runs, with a message that does not say how to get Node, and it would also refuse
// any dependency whose own `engines` field is narrower than ours.
"use strict";

var fs = require("fs");
var path = require("path");

var root = path.join(__dirname, "..");
var engine = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).engines.node;
var match = /^>=(\d+)\.(\d+)(?:\.(\d+))?$/.exec(engine);
if (!match) {
  throw new Error('tooling/check-node.cjs reads engines.node as ">=MAJOR.MINOR[.PATCH]", not "' + engine + '"');
}
var required = [Number(match[1]), Number(match[2]), Number(match[3] || 0)];
var recommended = fs.readFileSync(path.join(root, ".nvmrc"), "utf8").trim();

// Tests pose as an older Node through this variable; outside Vitest it is ignored.
var version = (process.env.VITEST && process.env.GLOW_NODE_VERSION_UNDER_TEST) || process.versions.node;
var current = version.split(".").map(Number);

function isOlder(a, b) {
  for (var i = 0; i < 3; i++) {
    if ((a[i] || 0) !== b[i]) return (a[i] || 0) < b[i];
  }
  return false;
}

if (isOlder(current, required)) {
  console.error(
    [
      "",
      "Glow needs Node.js " +
        required.slice(0, match[3] ? 3 : 2).join(".") +
        " or newer; this is Node.js " +
        version +
        " (" +
        process.execPath +
        ").",
      "Glow runs its TypeScript directly, which older versions cannot do. Node " +
        recommended +
        " LTS is recommended (.nvmrc says " +
        recommended +
        ").",
      "",
      "Get it with a version manager, then run the command again:",
      "  nvm install " + recommended + "            (https://github.com/nvm-sh/nvm; later, `nvm use` here reads .nvmrc)",
      "  fnm install " + recommended + " && fnm use " + recommended,
      "  volta install node@" + recommended,
      "or with the official installer: https://nodejs.org/en/download",
      "",
    ].join("\n"),
  );
  process.exit(1);
}
