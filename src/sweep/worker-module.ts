/**
 * Where a sweep task's worker threads load the task from.
 *
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The task module itself, as a URL for `new Worker(…)`, when it runs compiled from `dist/`; `undefined`
 * under a TypeScript loader (vitest), where workers cannot import `.ts` files and the sweep runs
 * in-process instead.
 *
 * @param moduleUrl - the task module's `import.meta.url`
 */
export function compiledWorkerModule(moduleUrl: string): string | undefined {
  const url = new URL(moduleUrl);
  if (!url.pathname.endsWith(".js")) return undefined;
  return existsSync(fileURLToPath(url)) ? url.href : undefined;
}
