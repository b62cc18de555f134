// Prints one line per Lighthouse report (tools/lighthouse.sh): scores 0–100 and the numbers behind
// them. Usage: node report.mjs report.json…
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const score = (report, category) => Math.round((report.categories[category]?.score ?? 0) * 100);
const audit = (report, id) => report.audits[id]?.numericValue;
const misses = [];
const rows = [["page", "form", "perf", "a11y", "best-pr", "CLS", "LCP ms", "TBT ms", "KB"]];
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const [page, form] = basename(file, ".json").split(".");
  rows.push([page, form, score(report, "performance"), score(report, "accessibility"), score(report, "best-practices"),
    (audit(report, "cumulative-layout-shift") ?? NaN).toFixed(3), Math.round(audit(report, "largest-contentful-paint") ?? NaN),
    Math.round(audit(report, "total-blocking-time") ?? NaN), Math.round((audit(report, "total-byte-weight") ?? NaN) / 1024)]);
  const failing = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
    .map((a) => a.id);
  if (failing.length) misses.push(page + " (" + form + "): " + failing.join(", "));
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length)));
const line = (row) => "| " + row.map((cell, i) => String(cell ?? "").padEnd(widths[i])).join(" | ") + " |";
console.log(line(rows[0]));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const row of rows.slice(1)) console.log(line(row));
if (misses.length) {
  console.log("\nfailed audits:");
  for (const miss of misses) console.log("- " + miss);
}
