#!/usr/bin/env bash
# Checks that the man page names every command and every option that the
# program's --help texts name, so that docs/compliance.1.scd keeps up with
# tools/*.c.
#
# usage: tests/package/check_man.sh COMPLIANCE_BINARY [docs/compliance.1.scd [BUILT_PAGE]]
#   e.g. bash tests/package/check_man.sh build/tools/compliance
# With BUILT_PAGE (build/man/compliance.1), the page is also rendered with
# man --warnings, and any groff warning fails (as lintian's would).
#
# The commands are read from `compliance --help` (its lines "  NAME ..."),
# the options from `compliance --help` and `compliance NAME --help` of each;
# a command must appear in the page as *NAME* (or *NAME SUB* for "profile
# show"), an option as *--option*. Each one missing is printed on its own
# line with the --help text that names it; the exit status is then 1.
set -u -o pipefail
export LC_ALL=C
BIN=${1:?usage: check_man.sh COMPLIANCE_BINARY [MAN_SCD]}
MAN=${2:-$(dirname "$0")/../../docs/compliance.1.scd}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
[ -r "$MAN" ] || { echo "FAIL: cannot read $MAN" >&2; exit 2; }

missing=0
if [ -n "${3:-}" ]; then
	command -v man >/dev/null || { echo "FAIL: man is not installed (man-db)" >&2; exit 2; }
	warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$3" 2>&1 >/dev/null)
	if [ -n "$warnings" ]; then
		echo "MISSING a clean rendering: man --warnings -l $3 says:"
		echo "$warnings"
		missing=$((missing + 1))
	fi
fi
top=$("$BIN" --help) || { echo "FAIL: $BIN --help failed" >&2; exit 1; }
# "  profile show ID|FILE   print ..." -> "profile show"; "  score --profile" -> "score"
commands=$(printf '%s\n' "$top" | sed -n 's/^  \([a-z][a-z-]*\)\( [a-z][a-z-]*\)\{0,1\}\([ ].*\)\{0,1\}$/\1\2/p' | sort -u)
[ -n "$commands" ] || { echo "FAIL: no command found in '$BIN --help'" >&2; exit 1; }

# has WORD: the page sets WORD in bold (*WORD*), possibly inside a longer bold
# run such as *profile show*.
has() { grep -qF -- "*$1*" "$MAN" || grep -qE -- "\*([^*]* )?$(printf '%s' "$1" | sed 's/[.[\*^$]/\\&/g')( [^*]*)?\*" "$MAN"; }

names=""
while IFS= read -r c; do
	[ -n "$c" ] || continue
	if ! has "$c"; then
		echo "MISSING command '$c' (named by '$(basename "$BIN") --help') in $MAN"
		missing=$((missing + 1))
	fi
	names="$names ${c%% *}"
done <<<"$commands"

# options: every --word in a help text
check_options() { # LABEL TEXT
	local label=$1 text=$2 opt
	for opt in $(printf '%s\n' "$text" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		if ! grep -qF -- "*$opt*" "$MAN"; then
			echo "MISSING option '$opt' (named by '$label') in $MAN"
			missing=$((missing + 1))
		fi
	done
}
check_options "compliance --help" "$top"
n=0
for c in $(printf '%s\n' $names | sort -u); do
	text=$("$BIN" "$c" --help 2>&1) || { echo "FAIL: '$BIN $c --help' exited $?: $text"; missing=$((missing + 1)); continue; }
	check_options "compliance $c --help" "$text"
	n=$((n + 1))
done
if [ "$missing" -ne 0 ]; then
	echo "FAIL: $missing problem(s): each MISSING line above (a command or option of the --help texts goes in the COMMANDS or OPTIONS section of $MAN)"
	exit 1
fi
echo "PASS: the $n commands and every option of their --help texts are in $(basename "$MAN")"
