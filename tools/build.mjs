#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ (incremental) after removing compiled files whose source is gone,
// so a deleted or renamed proof can never be loaded from a stale dist/proofs/*.js. When anything was pruned, or
// when the incremental cache records outputs that are missing, the cache is dropped so tsc re-emits in full.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

let pruned = 0;

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
    if (!existsSync(source)) {
      rmSync(path);
      pruned++;
    }
  }
}

for (const folder of ["src", "proofs", "bench"]) prune(join(dist, folder));
const cache = join(dist, ".tsbuildinfo");
const entry = join(dist, "src", "cli", "main.js");
const proofsDir = join(root, "proofs");
const missingProof =
  existsSync(proofsDir) &&
  readdirSync(proofsDir).some((f) => f.endsWith(".ts") && !existsSync(join(dist, "proofs", f.replace(/\.ts$/, ".js"))));
if (pruned > 0 || missingProof || !existsSync(entry)) rmSync(cache, { force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")],
  {
    stdio: "inherit",
  },
);
