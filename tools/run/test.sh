#!/usr/bin/env bash
# `npm test` (after the build): the pure unit specs (`*.spec.ts`) on both cores, then the integration and
# end-to-end files (`*.int-spec.ts`, `*.e2e-spec.ts`) one at a time: those start servers and time real peers, and
# two of them at once on a two-core machine make each slower than the timings they check (seen: a click lost in
# the console's browser while another file loaded the machine). With arguments, Jest runs just those, one at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then
  exec npx jest --maxWorkers=1 "$@"
fi
npx jest --maxWorkers=2 --testRegex '\.spec\.ts$'
npx jest --maxWorkers=1 --testRegex '\.(int|e2e)-spec\.ts$'
