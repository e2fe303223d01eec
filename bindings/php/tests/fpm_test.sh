#!/usr/bin/env bash
# Starts a real php-fpm with the recipe of bindings/php/examples (Debian's
# default ffi.enable=preload, ffi.preload = the generated header, a
# compile-only opcache.preload, opcache.preload_user), sends FastCGI
# requests with cgi-fcgi to tests/fpm/score.php, which scores the published
# vectors through the preloaded binding, and checks the answers; also that
# plain FFI::cdef is refused there. php-fpm is always stopped (trap).
# A second php-fpm without the recipe checks the fallback there: the
# binding says why FFI is off and serves requests through the CLI.
#   fpm_test.sh PHP_FPM CGI_FCGI PACKAGE_DIR DATA_DIR LIB_DIR WORK_DIR CLI
set -eu
fpm=$1 cgi=$2 pkg=$(cd "$3" && pwd) data=$4 libdir=$5 work=$6 cli=$7
here=$(cd "$(dirname "$0")" && pwd)
examples=$here/../examples
user=$(id -un)

rm -rf "$work"
mkdir -p "$work"
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in "${pids[@]}"; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$p" 2>/dev/null || true
	done
}
trap cleanup EXIT INT TERM

# The recipe's ini, with the installed package's paths replaced by the
# build tree's and www-data by the user running the test. Extensions are
# loaded here because -n leaves out Debian's conf.d.
{
	echo "extension=ffi"
	echo "zend_extension=opcache"
	echo "error_log=$work/php-error.log"
	echo "log_errors=1"
	echo "display_errors=0"
	sed -e "s|/usr/share/php/libcompliance|$pkg|g" -e "s|= www-data|= $user|" "$examples/php-fpm-compliance.ini"
} >"$work/php.ini"
grep -q '^ffi.enable = preload' "$work/php.ini"

# start_fpm NAME INI [POOL LINES]: a php-fpm master on $work/NAME.sock
start_fpm() {
	local name=$1 ini=$2 extra=${3:-} sock=$work/$1.sock
	if [ ${#sock} -gt 100 ]; then # too long for a unix socket: a free port on 127.0.0.1
		sock=127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	fi
	cat >"$work/$name.conf" <<CONF
[global]
pid = $work/$name.pid
error_log = $work/$name.log
daemonize = no
[$name]
listen = $sock
pm = static
pm.max_children = 2
clear_env = yes
catch_workers_output = yes
$extra
CONF
	local root=()
	[ "$(id -u)" -eq 0 ] && root=(-R) # CI runs as root; php-fpm refuses it without -R
	# the master dlopens FFI_LIB (the SONAME) when it reads ffi.preload
	LD_LIBRARY_PATH=$libdir "$fpm" -n -c "$ini" -y "$work/$name.conf" -F "${root[@]}" \
		>"$work/$name.stdout" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do
		grep -q "ready to handle connections" "$work/$name.log" 2>/dev/null && break
		kill -0 "${pids[-1]}" 2>/dev/null || { echo "php-fpm $name died:"; cat "$work/$name".*; exit 1; }
		sleep 0.1
	done
	eval "sock_$name=\$sock"
}
start_fpm preload "$work/php.ini"

request() { # request SOCKET SCRIPT
	env -i SCRIPT_FILENAME="$here/fpm/$2" SCRIPT_NAME="/$2" REQUEST_METHOD=GET \
		QUERY_STRING="" SERVER_PROTOCOL=HTTP/1.1 GATEWAY_INTERFACE=CGI/1.1 \
		COMPLIANCE_DATA="$data" COMPLIANCE_PACKAGE="$pkg" "$cgi" -bind -connect "$1"
}

fail=0
expect() { # $1 response, $2 fixed text expected as a line prefix
	if ! grep -qF -- "$2" <<<"$1"; then
		echo "FAIL: expected '$2' in the response"
		fail=1
	fi
}
# several requests: both workers, the scope reused across requests
for i in 1 2 3 4; do
	out=$(request "$sock_preload" score.php) || { echo "FAIL: cgi-fcgi failed"; fail=1; }
	echo "---- request $i"
	echo "$out"
	expect "$out" "sapi=fpm-fcgi"
	expect "$out" "ffi.enable=preload"
	expect "$out" "preloaded=yes"
	expect "$out" "backend=ffi-scope"
	expect "$out" 'cdef=refused: FFI API is restricted by "ffi.enable" configuration directive'
	expect "$out" "float=refused"
	expect "$out" " failed=0"
	if grep -q "^FAIL\|Fatal\|Warning" <<<"$out"; then fail=1; fi
	n=$(sed -n 's/^vectors=//p' <<<"$out")
	if [ -z "$n" ] || [ "$n" -lt 100 ]; then echo "FAIL: vectors=$n"; fail=1; fi
done

# php-fpm without the recipe: Debian's defaults (ffi.enable=preload, nothing
# preloaded); the binding falls back to the program and says why
{
	echo "extension=ffi"
	echo "zend_extension=opcache"
	echo "error_log=$work/php-error.log"
	echo "log_errors=1"
	echo "display_errors=0"
} >"$work/plain.ini"
start_fpm plain "$work/plain.ini" "env[COMPLIANCE_CLI] = $cli"
out=$(request "$sock_plain" fallback.php) || { echo "FAIL: cgi-fcgi failed"; fail=1; }
echo "---- without the recipe"
echo "$out"
expect "$out" "backend=cli"
expect "$out" 'reason=FFI is off: ffi.enable is "preload" and FFI::scope("COMPLIANCE") failed'
expect "$out" "ffi.preload=$pkg/generated/compliance-ffi.h"
expect "$out" "opcache.preload=$pkg/preload.php"
expect "$out" "classify=88.00 A Kualitas Tertinggi"
expect "$out" "bekasi=73.02 C kuning"

if [ -s "$work/php-error.log" ]; then echo "---- php errors"; cat "$work/php-error.log"; fail=1; fi
if [ "$fail" -ne 0 ]; then echo "---- php-fpm logs"; cat "$work"/*.log "$work"/*.stdout; fi
exit "$fail"
