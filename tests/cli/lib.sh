# What every tests/cli/*_test.sh shares, sourced after it has set BIN:
# a temporary directory removed at exit, the C locale, fail, and run.
#   run ARGS...   runs "$BIN" ARGS...: stdout in $out, stderr in $err, the
#                 exit status in $status (a script may wrap it: see
#                 error_format_test.sh and skm_test.sh)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C

fail() { echo "FAIL: $*" >&2; exit 1; }

run() {
	"$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}
