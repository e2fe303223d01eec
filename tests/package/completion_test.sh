#!/usr/bin/env bash
# The bash completion of compliance(1), driven as bash drives it: the
# bash-completion library and tools/bash-completion/compliance sourced in a
# non-interactive bash, COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT set as
# bash sets them for a line, _compliance called, COMPREPLY compared.
#
# usage: completion_test.sh COMPLIANCE_BINARY COMPLETION_SCRIPT PROFILES_DIR [BASH_COMPLETION]
# The expected profile ids are the "id" fields of PROFILES_DIR/*.json (the
# built-in profiles' sources), not the program's output.
set -u -o pipefail
export LC_ALL=C
BIN=$1 SCRIPT=$2 PROFILES=$3
LIB=${4:-/usr/share/bash-completion/bash_completion}
[ -r "$LIB" ] || { echo "FAIL: no bash-completion library at $LIB (install bash-completion)" >&2; exit 1; }

WORK=$(mktemp -d) || exit 1
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin" "$WORK/files"
ln -s "$(realpath "$BIN")" "$WORK/bin/compliance"
export PATH=$WORK/bin:$PATH
: >"$WORK/files/scores.csv"
: >"$WORK/files/survey.csv"
: >"$WORK/files/mine.json"
cd "$WORK/files" || exit 1

# shellcheck disable=SC1090
source "$LIB" || { echo "FAIL: cannot source $LIB" >&2; exit 1; }
source "$SCRIPT" || { echo "FAIL: cannot source $SCRIPT" >&2; exit 1; }
complete -p compliance >/dev/null || { echo "FAIL: $SCRIPT registers no completion for compliance"; exit 1; }

# the ids of the built-in profiles' sources, read once
ALL_IDS=$(sed -n 's/^  "id": "\([^"]*\)".*/\1/p' "$PROFILES"/*.json | sort)
ids() { # the ids starting with $1, sorted
	local id
	for id in $ALL_IDS; do [[ $id == "$1"* ]] && echo "$id"; done
}
[ "$(ids "" | wc -l)" -ge 10 ] || { echo "FAIL: fewer than 10 profile ids read from $PROFILES"; exit 1; }

failures=0
# complete LINE: COMPREPLY for LINE (cursor at its end), sorted, one a line.
# The words are split as bash splits them (COMP_WORDBREAKS: '=' is a word).
complete_line() {
	local line=$1
	local -a w
	read -r -a w <<<"${line//=/ = }"
	[[ $line == *" " ]] && w+=("")
	COMP_WORDS=("${w[@]}")
	COMP_CWORD=$((${#w[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_compliance compliance "${w[-1]}" "${w[-2]:-}"
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}
expect() { # LINE EXPECTED (newline-separated)
	local got
	got=$(complete_line "$1")
	if [ "$got" = "$2" ]; then
		echo "ok   '$1<TAB>' -> $(echo $got)"
	else
		echo "FAIL '$1<TAB>'"
		echo "     expected: $(echo $2)"
		echo "     got:      $(echo $got)"
		failures=$((failures + 1))
	fi
}
nl() { printf '%s\n' "$@" | sort; }

expect "compliance sc" "score"
expect "compliance pro" "$(nl profile profiles)"
expect "compliance " "$(nl advise classify compare explain help profile profiles report rescore score sensitivity skm template version)"
expect "compliance re" "$(nl report rescore)"
expect "compliance sensitivity --bo" "--bound"
expect "compliance score --output-d" "--output-dialect"
expect "compliance score --output-dialect " "$(nl excel-id rfc4180)"
expect "compliance score --dialect=" "$(nl auto excel-id rfc4180)"
expect "compliance advise --ta" "--target"
expect "compliance compare --profile-" "$(nl --profile-a --profile-b)"
expect "compliance compare --profile-b ombudsman-202" "$(ids ombudsman-202)"
expect "compliance rescore --to omb" "$(ids omb)"
expect "compliance rescore --crosswalk s" "$(nl scores.csv survey.csv)"
expect "compliance template --en" "$(nl --entity --entity-type)"
expect "compliance compare --format " "$(nl csv json table)"
# the kept columns (--group-by, --id-column): a column's name, no file
expect "compliance score --group" "$(nl --group --group-by)"
expect "compliance compare --id-" "$(nl --id-column --id-map)"
expect "compliance score --summary --group-by " ""
expect "compliance compare --id-column " ""
expect "compliance sensitivity --format " "$(nl json text)"
expect "compliance score --pro" "--profile"
expect "compliance explain --f" "--format"
expect "compliance skm --no" "--no-duplicate-check"
expect "compliance score --profile omb" "$(ids omb)"
expect "compliance score --profile=ombudsman-202" "$(ids ombudsman-202)"
expect "compliance classify --profile p" "$(ids p)"
expect "compliance score --profile " "$(nl $(ids "") mine.json)"
expect "compliance skm --profile " "$(nl $(ids skm) mine.json)"
expect "compliance skm --missing " "$(nl available listwise)"
expect "compliance advise --missing=" "$(nl error exclude minimum)"
expect "compliance score --format " "$(nl csv html json table xlsx)"
expect "compliance skm --format " "$(nl csv json table)"
expect "compliance explain --format=" "$(nl json text)"
expect "compliance score --rollup " "$(nl products units)"
expect "compliance profile " "$(nl check show)"
expect "compliance profile show ombudsman-2025" "$(ids ombudsman-2025)"
expect "compliance score --profile ombudsman-2022 s" "$(nl scores.csv survey.csv)"
expect "compliance skm su" "survey.csv"

if [ "$failures" -ne 0 ]; then
	echo "FAIL: $failures completion(s) differ"
	exit 1
fi
echo "PASS"
