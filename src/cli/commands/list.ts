/**
 * `lindyn list [ids or globs…]`: the claims of the catalogue with their sources, statements and expected
 * verdicts, as text or JSON.
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import type { Claim } from "../../claims/claim.js";
import { selectClaims } from "../../claims/select.js";
import type { CliIo } from "../io.js";
import { loadCatalogueFrom, reportLoadErrors } from "./verify.js";

interface ListFlags {
  json?: boolean;
  grep?: string;
  proofs?: string;
}

/** Version of the `lindyn list --json` schema. */
export const LIST_SCHEMA_VERSION = 1;

/** Registers `list` on `program`. */
export function registerList(program: Command, io: CliIo): Command {
  return program
    .command("list")
    .description("List the claims of the catalogue with their sources, statements and expected verdicts.")
    .argument("[claims...]", "claim ids or globs; default: all")
    .option(
      "--json",
      "print JSON: { schemaVersion, claims: [{ id, title, expected, source, statement, formalisation, tags, defaults }] }",
    )
    .option("--grep <regex>", "keep claims whose id, title, tags, source or statement match (case-insensitive)")
    .option("--proofs <dir>", "folder of *.proof.js files to load instead of the built-in catalogue")
    .action(async (patterns: string[], flags: ListFlags) => {
      const catalogue = await loadCatalogueFrom(flags.proofs);
      const claims = selectClaims(catalogue.claims, {
        patterns,
        ...(flags.grep === undefined ? {} : { grep: flags.grep }),
      });
      reportLoadErrors(io, catalogue);
      if (flags.json) {
        const json = {
          schemaVersion: LIST_SCHEMA_VERSION,
          claims: claims.map(listEntry),
          loadErrors: catalogue.errors.map((e) => ({ file: e.file, message: e.message })),
        };
        io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        io.stdout(claims.map(listText).join("\n"));
        io.stdout(`${claims.length} claim${claims.length === 1 ? "" : "s"}\n`);
      }
      if (catalogue.errors.length > 0) io.exitCode = 1;
    });
}

function listEntry(c: Claim) {
  return {
    id: c.id,
    title: c.title,
    expected: c.expected,
    source: { paper: c.source.paper, arxiv: c.source.arxiv ?? null, section: c.source.section ?? null },
    statement: { text: c.statement.text, latex: c.statement.latex ?? null },
    formalisation: c.formalisation ?? null,
    tags: [...c.tags],
    defaults: { runs: c.defaults.runs, timeLimitMillis: c.defaults.timeLimitMillis ?? null },
  };
}

function listText(c: Claim): string {
  const s = c.source;
  const where = [s.paper, s.arxiv ? `arXiv ${s.arxiv}` : "", s.section ?? ""].filter((x) => x !== "").join(" · ");
  const lines = [
    `${c.id}  (expects ${c.expected})`,
    `  ${c.title}`,
    `  source: ${where}`,
    `  statement: ${c.statement.text}`,
  ];
  if (c.formalisation) lines.push(`  formalisation: ${c.formalisation}`);
  return `${lines.join("\n")}\n`;
}
