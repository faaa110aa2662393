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
  const { stats } = JSON.parse(text);
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = stats ?? {};
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
