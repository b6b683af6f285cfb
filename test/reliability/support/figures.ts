// The measured figures of the reliability tests (cases fuzzed, concurrency, outage timings…),
// printed by each test and appended to reliability-results/figures.jsonl for the run's record.
import { appendFileSync, mkdirSync } from "node:fs";

export function recordFigures(test: string, figures: Record<string, unknown>): void {
  mkdirSync("reliability-results", { recursive: true });
  appendFileSync("reliability-results/figures.jsonl", `${JSON.stringify({ test, at: new Date().toISOString(), ...figures })}\n`);
  console.log(`[figures] ${test}: ${JSON.stringify(figures)}`);
}
