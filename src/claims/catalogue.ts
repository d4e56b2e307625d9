/**
 * Loading the catalogue: every `proofs/*.proof.ts` file default-exports one {@link Claim} or an array of
 * them. Compiled, the runner lives in `dist/src/claims/` and the proofs in `dist/proofs/*.proof.js`; under
 * vitest the sources run directly (`src/claims/`, `proofs/*.proof.ts`). The loader finds the folder
 * relative to its own module and picks the extension it itself was loaded with.
 *
 * @packageDocumentation
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Claim, isClaim } from "./claim.js";

/** A proof file that could not be used, and why. Reported as a failure by `lindyn verify` and `npm test`. */
export interface CatalogueError {
  readonly file: string;
  readonly message: string;
}

/** The loaded catalogue. */
export interface Catalogue {
  /** Claims in file-name order, then in the order each file lists them. */
  readonly claims: readonly Claim[];
  /** Files that failed to import or exported something other than claims; ids that clash. */
  readonly errors: readonly CatalogueError[];
  /** The folder that was read (absolute path). */
  readonly dir: string;
}

/** Options of {@link loadCatalogue}. */
export interface LoadCatalogueOptions {
  /**
   * Folder of proof files.
   * @defaultValue the project's `proofs/` (`dist/proofs/` when running compiled)
   */
  readonly dir?: string | URL;
  /**
   * File suffixes to load.
   * @defaultValue `[".proof.ts"]` when this module runs from TypeScript sources (vitest), else
   *   `[".proof.js", ".proof.mjs"]`
   */
  readonly suffixes?: readonly string[];
}

/** True when this module runs from its TypeScript source (vitest) rather than from compiled JavaScript. */
export function runningFromSource(): boolean {
  return new URL(import.meta.url).pathname.endsWith(".ts");
}

/** The built-in proofs folder: `<root>/proofs` from `src/claims/`, `<root>/dist/proofs` from `dist/src/claims/`. */
export function defaultProofsDir(): string {
  return fileURLToPath(new URL("../../proofs/", import.meta.url));
}

/**
 * Loads every proof file of a folder. Never throws for a bad file: import failures, exports that are not
 * claims, ids that do not follow the file name and duplicate ids are collected in `errors`, and the
 * remaining claims still load.
 *
 * Rule: a claim's id equals its file's stem (`du2018.conservation.proof.ts` → `du2018.conservation`) or
 * starts with `<stem>.` (families such as `ziyin2022.origin.l3`).
 */
export async function loadCatalogue(options: LoadCatalogueOptions = {}): Promise<Catalogue> {
  const dir =
    options.dir === undefined
      ? defaultProofsDir()
      : typeof options.dir === "string"
        ? options.dir
        : fileURLToPath(options.dir);
  const suffixes = options.suffixes ?? (runningFromSource() ? [".proof.ts"] : [".proof.js", ".proof.mjs"]);
  const claims: Claim[] = [];
  const errors: CatalogueError[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => suffixes.some((s) => n.endsWith(s))).sort();
  } catch (error) {
    return {
      claims,
      errors: [{ file: dir, message: `cannot read the proofs folder: ${(error as Error).message}` }],
      dir,
    };
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const suffix = suffixes.find((s) => name.endsWith(s)) as string;
    const stem = name.slice(0, -suffix.length);
    const file = join(dir, name);
    let exported: unknown;
    try {
      const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
      exported = module.default;
    } catch (error) {
      errors.push({
        file: name,
        message: `import failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      });
      continue;
    }
    const items = Array.isArray(exported) ? exported : [exported];
    if (items.length === 0) {
      errors.push({ file: name, message: "the default export is an empty array; export a Claim or Claim[]" });
      continue;
    }
    for (const item of items) {
      if (!isClaim(item)) {
        errors.push({
          file: name,
          message:
            "the default export must be a Claim or an array of Claims (build them with defineClaim or propertyClaim)",
        });
        continue;
      }
      if (item.id !== stem && !item.id.startsWith(`${stem}.`)) {
        errors.push({
          file: name,
          message: `claim id "${item.id}" must equal "${stem}" or start with "${stem}." (rename the id or the file)`,
        });
        continue;
      }
      const previous = seen.get(item.id);
      if (previous !== undefined) {
        errors.push({ file: name, message: `duplicate claim id "${item.id}" (also in ${previous})` });
        continue;
      }
      seen.set(item.id, name);
      claims.push(item);
    }
  }
  return { claims, errors, dir };
}
