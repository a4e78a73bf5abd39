#!/usr/bin/env bash
# The action's one step (action.yml): the inputs become conformance's options, the exit code and the
# report's outcome become the step's outputs, and `fail-on` decides whether the step fails. Run by
# tests/ci/action.spec.ts with the same INPUT_* variables GitHub sets.
set -uo pipefail

args=("$INPUT_COMMAND")
case "$INPUT_COMMAND" in
  run)
    [ -n "$INPUT_TARGET" ] && args+=(--target "$INPUT_TARGET")
    [ -n "$INPUT_SEED" ] && args+=(--seed "$INPUT_SEED")
    [ -n "$INPUT_SHARD" ] && args+=(--shard "$INPUT_SHARD")
    [ -n "$INPUT_ONLY" ] && args+=(--only "$INPUT_ONLY")
    [ "$INPUT_STRICT" = "true" ] && args+=(--strict)
    ;;
  merge)
    # Globs in `shards` are expanded here, as a shell would.
    read -r -a patterns <<< "$INPUT_SHARDS"
    for pattern in "${patterns[@]}"; do
      for dir in $pattern; do args+=("$dir"); done
    done
    ;;
  *)
    echo "::error title=keypair-conformance::command must be run or merge, not \"$INPUT_COMMAND\""
    exit 2
    ;;
esac
[ -n "$INPUT_REPORTER" ] && args+=(--reporter "$INPUT_REPORTER")
args+=(--report-dir "$INPUT_REPORT_DIR")

node "$SUITE_BIN" "${args[@]}"
code=$?

outcome=""
if [ -f "$INPUT_REPORT_DIR/conformance.json" ]; then
  outcome=$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).outcome ?? ""))' "$INPUT_REPORT_DIR/conformance.json")
fi
{
  echo "exit-code=$code"
  echo "outcome=$outcome"
} >> "${GITHUB_OUTPUT:-/dev/null}"

case "$INPUT_FAIL_ON" in
  usage) [ "$code" -eq 2 ] && exit 2 ;;
  *) exit "$code" ;;
esac
exit 0
