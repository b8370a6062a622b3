#!/usr/bin/env bash
# Runs vitest with its usual output plus a JSON report, then prints one plain closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
report=test-results/vitest-report.json
rm -f "$report"
# The app logs each import and repair at info level; in the suite's output that is noise. Tests
# that check the logs set their own level.
export SCIM_COMPANION_LOG_LEVEL="${SCIM_COMPANION_LOG_LEVEL:-warn}"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node test/summary.mjs "$report"
exit $status
