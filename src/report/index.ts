/**
 * `lindyn/report`: the terminal table, progress, the JSON report (stable schema) and the Markdown summary
 * of a verification run, and atomic writing of a report folder.
 *
 * @packageDocumentation
 */
export * from "./json.js";
export * from "./markdown.js";
export * from "./progress.js";
export * from "./table.js";
export * from "./verdict-text.js";
export * from "./write-report.js";
