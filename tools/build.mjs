#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ (incremental) after removing compiled files whose source is gone,
// so a deleted or renamed proof can never be loaded from a stale dist/proofs/*.js.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

function prune(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      prune(path);
      continue;
    }
    const match = /^(.*)\.(js|d\.ts|js\.map|d\.ts\.map)$/.exec(entry);
    if (!match) continue;
    const source = join(root, relative(dist, dir), `${match[1]}.ts`);
    if (!existsSync(source)) rmSync(path);
  }
}

for (const folder of ["src", "proofs", "bench"]) prune(join(dist, folder));
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
