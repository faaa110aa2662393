// Reads a test run's machine-readable report and fails unless tests ran and
// none failed, was skipped, cancelled or left as todo.
//   node check-report.mjs playwright last-run.json
//   node check-report.mjs tap webkit-last-run.tap
import { readFileSync } from "node:fs";

const [kind, file] = process.argv.slice(2);
const fail = (why) => {
  console.error(`${file}: ${why}`);
  process.exit(1);
};
let text;
try {
  text = readFileSync(file, "utf8");
} catch {
  fail("no report: the run did not finish");
}
if (kind === "playwright") {
  const report = JSON.parse(text);
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  // Name each failure last, so the tail of a CI log says what broke.
  for (const line of failures(report)) console.error(line);
  console.log(`playwright: ${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped`);
  if (!(expected > 0)) fail("no test passed");
  if (unexpected > 0) fail(`${unexpected} failed`);
} else if (kind === "tap") {
  // The TAP summary node:test writes at the end: "# pass N", "# fail N", ...
  const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)$`, "m")) ?? [])[1] ?? NaN);
  const [pass, failed, cancelled, skipped, todo] = ["pass", "fail", "cancelled", "skipped", "todo"].map(count);
  console.log(`tap: ${pass} passed, ${failed} failed, ${cancelled} cancelled, ${skipped} skipped, ${todo} todo`);
  if (!(pass > 0)) fail("no test passed");
  if (failed !== 0 || cancelled !== 0 || skipped !== 0 || todo !== 0) fail("not every test passed");
} else {
  fail(`unknown report kind ${kind}`);
}

// "file:line › project › title: first line of the error" for each failed test.
function failures(report) {
  const out = [];
  const walk = (suite, titles) => {
    const path = suite.title && !suite.title.endsWith(".ts") ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const result = (test.results ?? []).find((r) => r.error) ?? {};
        const message = (result.error?.message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
        const first = message.split("\n").find((l) => l.trim()) ?? "";
        out.push(
          `${test.status === "flaky" ? "FLAKY" : "FAILED"} ${spec.file}:${spec.line} › ${test.projectName} › ${[...path, spec.title].join(" › ")}: ${first.trim()}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, path);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return out;
}
