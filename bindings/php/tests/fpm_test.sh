#!/usr/bin/env bash
# Starts a real php-fpm with the recipe of bindings/php/examples (Debian's
# default ffi.enable=preload, ffi.preload = the generated header, a
# compile-only opcache.preload, opcache.preload_user), sends FastCGI
# requests with cgi-fcgi to tests/fpm/score.php, which scores the published
# vectors through the preloaded binding, and checks the answers; also that
# plain FFI::cdef is refused there. php-fpm is always stopped (trap).
#   fpm_test.sh PHP_FPM CGI_FCGI PACKAGE_DIR DATA_DIR LIB_DIR WORK_DIR
set -eu
fpm=$1 cgi=$2 pkg=$(cd "$3" && pwd) data=$4 libdir=$5 work=$6
here=$(cd "$(dirname "$0")" && pwd)
examples=$here/../examples
user=$(id -un)

rm -rf "$work"
mkdir -p "$work"
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null || true
	fi
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

sock=$work/php-fpm.sock
if [ ${#sock} -gt 100 ]; then # too long for a unix socket: a free port on 127.0.0.1
	sock=127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
cat >"$work/php-fpm.conf" <<CONF
[global]
pid = $work/php-fpm.pid
error_log = $work/php-fpm.log
daemonize = no
[compliance]
listen = $sock
pm = static
pm.max_children = 2
clear_env = yes
catch_workers_output = yes
CONF

root=()
[ "$(id -u)" -eq 0 ] && root=(-R) # CI runs as root; php-fpm refuses it without -R
# the master dlopens FFI_LIB (the SONAME) when it reads ffi.preload
LD_LIBRARY_PATH=$libdir "$fpm" -n -c "$work/php.ini" -y "$work/php-fpm.conf" -F "${root[@]}" \
	>"$work/stdout.log" 2>&1 &
pid=$!

for _ in $(seq 100); do
	if [ "${sock#/}" != "$sock" ] && [ -S "$sock" ]; then break; fi
	if [ "${sock#/}" = "$sock" ] && grep -q "ready to handle connections" "$work/php-fpm.log" 2>/dev/null; then break; fi
	kill -0 "$pid" 2>/dev/null || { echo "php-fpm died:"; cat "$work"/*.log; exit 1; }
	sleep 0.1
done

request() {
	env -i SCRIPT_FILENAME="$here/fpm/score.php" SCRIPT_NAME=/score.php REQUEST_METHOD=GET \
		QUERY_STRING="" SERVER_PROTOCOL=HTTP/1.1 GATEWAY_INTERFACE=CGI/1.1 \
		COMPLIANCE_DATA="$data" "$cgi" -bind -connect "$sock"
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
	out=$(request) || { echo "FAIL: cgi-fcgi failed"; fail=1; }
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
if [ -s "$work/php-error.log" ]; then echo "---- php errors"; cat "$work/php-error.log"; fail=1; fi
if [ "$fail" -ne 0 ]; then echo "---- php-fpm log"; cat "$work/php-fpm.log" "$work/stdout.log"; fi
exit "$fail"
