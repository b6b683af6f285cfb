// Where the end-to-end run leaves what the log check (scripts/e2e-log-secrets.ts) reads: the
// output of the server Playwright starts (request logs on), and the secrets the browsers handled.
// Both under test-results/, which Playwright empties when it starts (before it starts the server).
export const E2E_SERVER_LOG = "test-results/next-start-e2e.log";
export const E2E_SECRETS_FILE = "test-results/e2e-secrets.jsonl";
