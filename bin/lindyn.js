#!/usr/bin/env node
// The `lindyn` command. The TypeScript sources are compiled to dist/ by `npm install` (the `prepare` script)
// and by `npm start`; this shim only starts the compiled CLI.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    "lindyn: the compiled CLI is missing (dist/). Run `npm install` or `npm run build` in the project root.\n",
  );
  process.exit(2);
}
// A reader that stops early (`lindyn list | head`) closes the pipe: end quietly instead of with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv);
