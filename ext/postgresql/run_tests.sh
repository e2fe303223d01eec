#!/bin/sh
# Builds the extension, installs it into a private copy of the server's
# tree, starts a real PostgreSQL server on 127.0.0.1 (a free port, its
# socket in the build tree), runs pg_regress (sql/, expected/) and always
# stops the server.
#
# usage: run_tests.sh <ext source dir> <ext build dir> <libcompliance build dir>
#                     <test data dir>
#
# How the server finds an extension it was not installed with (PostgreSQL
# 15 has no extension_control_path): the server computes its share and lib
# directories relative to its own executable (`pg_config --bindir` to
# `--sharedir` / `--pkglibdir`). `make install DESTDIR=<tree>` puts the
# extension under <tree>/usr/...; the tree then gets the rest of the
# server's share and lib directories as symbolic links, and a copy of the
# `postgres` executable itself, which pg_ctl starts (-p). No
# file outside the build tree is written, and no root is needed.
#
# initdb and postgres refuse to run as root: as root (CI), they run as the
# `postgres` user of the postgresql package (runuser, else setpriv), which
# is given the test directory.
set -eu

SRC=$(cd "$1" && pwd)
BLD=$2
LIBBUILD=$(cd "$3" && pwd)
DATA=$(cd "$4" && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}
COMPLIANCE_SRC=$(cd "$SRC/../.." && pwd)

BINDIR=$($PG_CONFIG --bindir)
SHAREDIR=$($PG_CONFIG --sharedir)
PKGLIBDIR=$($PG_CONFIG --pkglibdir)
PGXS=$($PG_CONFIG --pgxs)
REGRESS_BIN=$(dirname "$PGXS")/../test/regress/pg_regress

mkdir -p "$BLD"
BLD=$(cd "$BLD" && pwd)
W=$BLD/test
rm -rf "$W"
mkdir -p "$W"
CLEAN=
# as root, the server runs as postgres: the work directory must be reachable
# by that user (a build tree under /root is not): else work under /tmp
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$W" 2>/dev/null &&
   ! setpriv --reuid=postgres --regid=postgres --init-groups test -x "$W" 2>/dev/null; then
	rmdir "$W"
	W=$(mktemp -d /tmp/compliance-pg.XXXXXX)
	chmod 755 "$W"
	CLEAN=$W
fi
RUN=
stop() {
	$RUN "$BINDIR/pg_ctl" -D "$W/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
	if [ -n "$CLEAN" ]; then
		cp "$W/out/regression.diffs" "$BLD/" 2>/dev/null || true
		rm -rf "$CLEAN"
	fi
}
trap stop EXIT INT TERM

TREE=$W/tree
mkdir -p "$W/sock" "$W/out" "$W/input" "$W/data"
# the server (COPY) and pg_regress read their inputs from the work directory
cp -r "$SRC/sql" "$SRC/expected" "$W/input/"
cp "$DATA/classifications.csv" "$DATA/unit-means.csv" "$DATA/skm-example.csv" "$W/data/"

# 1. build and install into the private tree
make -s -C "$BLD" -f "$SRC/Makefile" VPATH="$SRC" PG_CONFIG="$PG_CONFIG" \
	COMPLIANCE_SRC="$COMPLIANCE_SRC" COMPLIANCE_BUILD="$LIBBUILD" with_llvm=no
make -s -C "$BLD" -f "$SRC/Makefile" VPATH="$SRC" PG_CONFIG="$PG_CONFIG" \
	COMPLIANCE_SRC="$COMPLIANCE_SRC" COMPLIANCE_BUILD="$LIBBUILD" with_llvm=no \
	install DESTDIR="$TREE" >/dev/null

# 2. the rest of the server's tree
mkdir -p "$TREE$BINDIR" "$TREE$SHAREDIR" "$TREE$PKGLIBDIR"
cp -rs "$SHAREDIR/." "$TREE$SHAREDIR/"
cp -rs "$PKGLIBDIR/." "$TREE$PKGLIBDIR/"
# a copy, not a link: a symbolic link would be resolved back to BINDIR, and
# a hard link shares the system file's inode (its owner and mode)
cp "$BINDIR/postgres" "$TREE$BINDIR/postgres"

# 3. who runs the server
if [ "$(id -u)" = 0 ]; then
	# only what the server writes: the tree stays root's (and its symbolic
	# links into the system's directories are never followed)
	chown postgres "$W" "$W/sock" "$W/out"
	if runuser -u postgres -- true 2>/dev/null; then
		RUN="runuser -u postgres --"
	elif setpriv --reuid=postgres --regid=postgres --init-groups true 2>/dev/null; then
		RUN="setpriv --reuid=postgres --regid=postgres --init-groups"
	else
		echo "run_tests.sh: running as root, and neither runuser nor setpriv can" \
		     "switch to the postgres user" >&2
		exit 1
	fi
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

$RUN "$BINDIR/initdb" -D "$W/pgdata" -A trust -U postgres -E UTF8 --locale=C --no-sync \
	>"$W/initdb.log" 2>&1 || { cat "$W/initdb.log" >&2; exit 1; }


$RUN "$BINDIR/pg_ctl" -D "$W/pgdata" -p "$TREE$BINDIR/postgres" -l "$W/server.log" -w -t 60 \
	-o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$W/sock -c fsync=off -c max_worker_processes=8 -c max_parallel_workers=8" \
	start >/dev/null || { cat "$W/server.log" >&2; exit 1; }

# 4. the regression tests (psql reads COMPLIANCE_TEST_DATA with \getenv)
status=0
$RUN env COMPLIANCE_TEST_DATA="$W/data" "$REGRESS_BIN" --inputdir="$W/input" --outputdir="$W/out" \
	--bindir="$BINDIR" --host="$W/sock" --port="$PORT" --user=postgres \
	--dbname=compliance_regression compliance parallel user_profiles || status=$?
if [ $status -ne 0 ] && [ -f "$W/out/regression.diffs" ]; then
	cat "$W/out/regression.diffs"
fi
exit $status
