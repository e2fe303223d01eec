#!/usr/bin/env bash
# The binding and extension packages, unpacked by deb_test.sh into a
# throwaway root, used as a user would (each reaches libcompliance.so.1 of
# the root through LD_LIBRARY_PATH; nothing is installed on the machine):
#
#   python3-compliance         `import compliance` from the root's
#                              dist-packages;
#   php-compliance             the root's autoload.php under php -d
#                              ffi.enable=1 (FFI::load of the installed
#                              header), then under Debian's default
#                              ffi.enable=preload with the installed header
#                              and preload.php preloaded (FFI::scope);
#   libsqlite3-mod-compliance  `.load mod_compliance` in the sqlite3 shell
#                              (found by name, default entry point);
#   postgresql-15-compliance   the module's links (no unresolved library,
#                              libcompliance linked in, json_object renamed),
#                              then a throwaway server whose pkglibdir and
#                              sharedir are a tree holding the package's
#                              files: CREATE EXTENSION, the functions.
#
# Each reproduces the published vectors of tests/data: every classification
# of classifications.csv (category, zone) and every entity of
# unit-means.csv (the entity score and category from its unit scores).
#
# usage: deb_use.sh ROOT SOURCE_DIR WORK_DIR
set -u -o pipefail
ROOT=$(realpath "$1") SRC=$(realpath "$2") WORK=$(realpath "$3")
export LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $* ($(date +%T))"; }
for tool in python3 php sqlite3 nm ldd readelf; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (tools/deps/debian.list)"
done
MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
LIB=$ROOT/usr/lib/$MA
DATA=$SRC/tests/data
export LD_LIBRARY_PATH=$LIB
U=$WORK/use
rm -rf "$U"
mkdir -p "$U"

# the vectors, read once with Python's csv module (a source column may hold
# commas): class.tsv  profile score category zone
#          units.tsv  profile entity type unit unit_score
#          entities.tsv profile entity score category zone (published)
python3 - "$DATA" "$U" <<'EOF' || fail "reading the published vectors"
import csv, sys
data, out = sys.argv[1:]
with open(f"{data}/classifications.csv", newline="") as f, open(f"{out}/class.tsv", "w") as o:
    for r in csv.DictReader(f):
        o.write("\t".join([r["profile"], r["score"], r["published_category"], r["published_zone"]]) + "\n")
ents = {}
with open(f"{data}/unit-means.csv", newline="") as f, open(f"{out}/units.tsv", "w") as o:
    for r in csv.DictReader(f):
        o.write("\t".join([r["profile"], r["entity"], r["entity_type"], r["unit"], r["unit_score"]]) + "\n")
        ents[(r["profile"], r["entity"])] = [r["published_entity_score"], r["published_category"],
                                             r["published_zone"]]
with open(f"{out}/entities.tsv", "w") as o:
    for (p, e), v in sorted(ents.items()):
        o.write("\t".join([p, e] + v) + "\n")
EOF
[ "$(wc -l <"$U/class.tsv")" -ge 10 ] && [ "$(wc -l <"$U/entities.tsv")" -ge 3 ] ||
	fail "too few published vectors in $DATA"
# expected: the classifications, then the entities, as "<profile> <score>
# <category> <zone>" and "<profile> <entity> <score> <category> <zone>"
{ cat "$U/class.tsv"; cat "$U/entities.tsv"; } >"$U/expected.tsv"
echo "$(wc -l <"$U/class.tsv") classifications, $(wc -l <"$U/entities.tsv") entities from $(wc -l <"$U/units.tsv") unit scores"

check() { # NAME OUTPUT: OUTPUT must equal expected.tsv
	if ! diff -u "$U/expected.tsv" "$2" >"$U/$1.diff"; then
		cat "$U/$1.diff" >&2
		fail "$1: the published vectors differ (expected.tsv, $2)"
	fi
	echo "$1: $(wc -l <"$2") vectors reproduced"
}

# the loaded file must be the root's (realpath: the root's symlinks)
loaded_from_root() { # NAME MAPS_FILE LIBRARY_NAME
	local f
	f=$(awk -v n="$3" 'index($6, "/" n) { print $6; exit }' "$2")
	[ -n "$f" ] || fail "$1: $3 is not loaded"
	case "$(realpath "$f")" in
	"$ROOT"/*) ;;
	*) fail "$1: $3 is loaded from $f, not from the unpacked packages" ;;
	esac
}

step "python3-compliance"
PYDIR=$ROOT/usr/lib/python3/dist-packages
[ -f "$PYDIR/compliance/__init__.py" ] || fail "no compliance/__init__.py in $PYDIR"
VERSION=$(sed -n 's/^project(libcompliance VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
PYTHONPATH=$PYDIR PYTHONDONTWRITEBYTECODE=1 python3 -B - "$U" "$ROOT" "$VERSION" >"$U/python.tsv" <<'EOF' ||
import sys
import importlib.metadata
from decimal import Decimal
out, root, version = sys.argv[1:]
import compliance
assert compliance.__file__.startswith(root + "/"), compliance.__file__
# the distribution's metadata (the package's dist-info) and the library
assert importlib.metadata.version("compliance") == version, importlib.metadata.version("compliance")
assert compliance.library_version() == version, compliance.library_version()
with open(f"{out}/class.tsv") as f:
    for line in f:
        profile, score = line.rstrip("\n").split("\t")[:2]
        with compliance.Profile(profile) as p:
            c = p.classify(Decimal(score))
            print(profile, score, c.category or "", c.zone, sep="\t")
groups = {}
with open(f"{out}/units.tsv") as f:
    for line in f:
        profile, entity, etype, unit, s = line.rstrip("\n").split("\t")
        groups.setdefault((profile, entity), []).append((etype, unit, s))
for (profile, entity), units in sorted(groups.items()):
    with compliance.Assessment(profile) as a:
        for etype, unit, s in units:
            a.add_unit_score(entity, etype, unit, Decimal(s))
        a.compute()
        e = a.entity(entity)
        assert isinstance(e.score, Decimal), type(e.score)
        print(profile, entity, e.score, e.category or "", e.zone, sep="\t")
with open("/proc/self/maps") as f, open(f"{out}/python.maps", "w") as m:
    m.write(f.read())
EOF
	fail "python3 -c 'import compliance' from the root failed"
check python "$U/python.tsv"
loaded_from_root python "$U/python.maps" libcompliance.so

step "php-compliance"
PHPDIR=$ROOT/usr/share/php/libcompliance
for f in autoload.php preload.php composer.json generated/compliance-ffi.h generated/Constants.php \
	src/Compliance.php; do
	[ -f "$PHPDIR/$f" ] || fail "no /usr/share/php/libcompliance/$f in php-compliance"
done
for f in php-fpm-compliance.ini php-fpm-pool.conf; do
	[ -f "$ROOT/usr/share/doc/php-compliance/examples/$f" ] ||
		fail "no /usr/share/doc/php-compliance/examples/$f (the php-fpm recipe)"
done
cat >"$U/use.php" <<'EOF'
<?php
declare(strict_types=1);
[, $phpdir, $out, $backend] = $argv;
require $phpdir . '/autoload.php';
use Compliance\{Compliance, Assessment};
if (Compliance::backend() !== $backend) {
    fwrite(STDERR, 'backend ' . Compliance::backend() . ', not ' . $backend . ': ' . Compliance::fallbackReason() . "\n");
    exit(1);
}
foreach (file("$out/class.tsv", FILE_IGNORE_NEW_LINES) as $line) {
    [$profile, $score] = explode("\t", $line);
    $c = Compliance::classify($profile, $score);
    echo implode("\t", [$profile, $score, (string) $c->category, $c->zone]), "\n";
}
$groups = [];
foreach (file("$out/units.tsv", FILE_IGNORE_NEW_LINES) as $line) {
    [$profile, $entity, $type, $unit, $s] = explode("\t", $line);
    $groups["$profile\t$entity"][] = [$type, $unit, $s];
}
ksort($groups, SORT_STRING);
foreach ($groups as $key => $units) {
    [$profile, $entity] = explode("\t", $key);
    $a = new Assessment($profile);
    foreach ($units as [$type, $unit, $s]) {
        $a->addUnitScore($entity, $type, $unit, $s);
    }
    foreach ($a->entities() as $e) {
        echo implode("\t", [$profile, $e->name, $e->score, (string) $e->category, $e->zone]), "\n";
    }
    $a->close();
}
file_put_contents("$out/php.maps", file_get_contents('/proc/self/maps'));
EOF
php -n -d extension=ffi -d ffi.enable=1 -d display_errors=stderr -d error_reporting=-1 \
	"$U/use.php" "$PHPDIR" "$U" ffi-load >"$U/php.tsv" || fail "php (ffi.enable=1) with php-compliance failed"
check php "$U/php.tsv"
loaded_from_root php "$U/php.maps" libcompliance.so
# Debian's default ffi.enable=preload, the recipe's settings with the
# installed paths (php-fpm-compliance.ini), in the CLI: FFI::scope
preload_user=()
[ "$(id -u)" = 0 ] && preload_user=(-d opcache.preload_user=root)
php -n -d extension=ffi -d zend_extension=opcache -d opcache.enable_cli=1 -d ffi.enable=preload \
	-d ffi.preload="$PHPDIR/generated/compliance-ffi.h" -d opcache.preload="$PHPDIR/preload.php" \
	"${preload_user[@]}" -d display_errors=stderr -d error_reporting=-1 \
	"$U/use.php" "$PHPDIR" "$U" ffi-scope >"$U/php-preload.tsv" ||
	fail "php (ffi.enable=preload, the installed header and preload.php) with php-compliance failed"
check php-preload "$U/php-preload.tsv"

step "libsqlite3-mod-compliance"
[ -f "$LIB/mod_compliance.so" ] || fail "no /usr/lib/$MA/mod_compliance.so"
{
	echo ".load mod_compliance"
	echo ".mode tabs"
	echo "CREATE TABLE c(profile TEXT, score TEXT, n INTEGER);"
	echo "CREATE TABLE u(profile TEXT, entity TEXT, type TEXT, unit TEXT, unit_score TEXT);"
	awk -F'\t' '{ printf "INSERT INTO c VALUES(\x27%s\x27, \x27%s\x27, %d);\n", $1, $2, NR }' "$U/class.tsv"
	awk -F'\t' '{ gsub("\x27", "\x27\x27"); printf "INSERT INTO u VALUES(\x27%s\x27, \x27%s\x27, \x27%s\x27, \x27%s\x27, \x27%s\x27);\n", $1, $2, $3, $4, $5 }' "$U/units.tsv"
	echo "SELECT profile, score, coalesce(compliance_classify(profile, score), ''), compliance_zone(profile, score) FROM c ORDER BY n;"
	echo "SELECT profile, entity, s, coalesce(compliance_classify(profile, s), ''), compliance_zone(profile, s)"
	echo "  FROM (SELECT profile, entity, compliance_entity(profile, unit_score, type) AS s FROM u GROUP BY profile, entity)"
	echo "  ORDER BY profile, entity;"
} >"$U/use.sql"
sqlite3 -bail :memory: <"$U/use.sql" >"$U/sqlite.tsv" 2>"$U/sqlite.err" ||
	{ cat "$U/sqlite.err" >&2; fail "sqlite3 .load mod_compliance failed"; }
check sqlite "$U/sqlite.tsv"
# the module sqlite3 loaded is the root's (LD_DEBUG names the file dlopen() opened)
LD_DEBUG=files sqlite3 :memory: '.load mod_compliance' 'SELECT compliance_version();' \
	>"$U/sqlite.version" 2>"$U/sqlite.ld" || fail "sqlite3 .load mod_compliance (LD_DEBUG) failed"
grep -q "file=$LIB/mod_compliance.so " "$U/sqlite.ld" ||
	fail "sqlite3 did not load $LIB/mod_compliance.so: $(grep mod_compliance "$U/sqlite.ld" | head -3)"
echo "sqlite: compliance_version() $(cat "$U/sqlite.version") from $LIB/mod_compliance.so"

step "postgresql-15-compliance"
PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
[ -x "$PG_CONFIG" ] || fail "no $PG_CONFIG (postgresql-server-dev-15, tools/deps/postgresql.list)"
BINDIR=$($PG_CONFIG --bindir) SHAREDIR=$($PG_CONFIG --sharedir) PKGLIBDIR=$($PG_CONFIG --pkglibdir)
MOD=$ROOT$PKGLIBDIR/compliance.so
for f in "$MOD" "$ROOT$SHAREDIR/extension/compliance.control"; do
	[ -f "$f" ] || fail "no ${f#"$ROOT"} in postgresql-15-compliance"
done
ls "$ROOT$SHAREDIR/extension/"compliance--*.sql >/dev/null || fail "no compliance--*.sql in postgresql-15-compliance"
ldd "$MOD" >"$U/pg.ldd" || fail "ldd $MOD"
grep -q 'not found' "$U/pg.ldd" && { cat "$U/pg.ldd" >&2; fail "the PostgreSQL module needs a library not found"; }
# (whole outputs to files: `| grep -q` under pipefail fails when the
# writer gets SIGPIPE)
readelf -d "$MOD" >"$U/pg.dynamic" || fail "readelf -d $MOD"
grep -q 'NEEDED.*libcompliance' "$U/pg.dynamic" &&
	fail "the PostgreSQL module loads libcompliance.so (it links the renamed static copy)"
# undefined: only what libc, jansson, ... and the postgres executable give;
# none of libcompliance (linked in) and not json_object (renamed: postgres
# exports one of its own)
nm -D "$MOD" >"$U/pg.nm" || fail "nm -D $MOD"
undef=$(awk '$1 == "U" { print $2 }' "$U/pg.nm" | grep -E '^(compliance_|cnum_|cp_|json_object$)')
[ -z "$undef" ] || fail "the PostgreSQL module leaves libcompliance's symbols undefined: $undef"
grep -q ' T Pg_magic_func$' "$U/pg.nm" || fail "the PostgreSQL module has no Pg_magic_func"
echo "postgresql: $MOD links $(awk '/=>/ { printf "%s ", $1 }' "$U/pg.ldd")"

# a throwaway server: PostgreSQL 15 finds its pkglibdir and sharedir
# relative to its executable, so a copy of postgres in a tree that holds the
# package's files (the rest of the server's as symbolic links) loads them
# (as ext/postgresql/run_tests.sh does with the built extension). As root,
# the server runs as the postgres user, in a directory under /tmp it can
# reach.
PGW=$(mktemp -d /tmp/compliance-deb-pg.XXXXXX) || fail "mktemp"
chmod 755 "$PGW"
RUN=()
stop_pg() {
	"${RUN[@]}" "$BINDIR/pg_ctl" -D "$PGW/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$PGW"
}
trap stop_pg EXIT
T=$PGW/tree
mkdir -p "$T$BINDIR" "$T$SHAREDIR/extension" "$T$PKGLIBDIR" "$PGW/sock"
cp -a "$ROOT$SHAREDIR/extension/." "$T$SHAREDIR/extension/"
cp -a "$MOD" "$T$PKGLIBDIR/"
cp -rs "$SHAREDIR/." "$T$SHAREDIR/" || fail "linking the server's share directory"
cp -rs "$PKGLIBDIR/." "$T$PKGLIBDIR/" || fail "linking the server's lib directory"
cp "$BINDIR/postgres" "$T$BINDIR/postgres"
if [ "$(id -u)" = 0 ]; then
	chown postgres "$PGW" "$PGW/sock"
	if runuser -u postgres -- true 2>/dev/null; then
		RUN=(runuser -u postgres --)
	else
		RUN=(setpriv --reuid=postgres --regid=postgres --init-groups)
	fi
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${RUN[@]}" "$BINDIR/initdb" -D "$PGW/pgdata" -A trust -U postgres -E UTF8 --locale=C --no-sync \
	>"$U/initdb.log" 2>&1 || { cat "$U/initdb.log" >&2; fail "initdb"; }
"${RUN[@]}" "$BINDIR/pg_ctl" -D "$PGW/pgdata" -p "$T$BINDIR/postgres" -l "$PGW/server.log" -w -t 60 \
	-o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$PGW/sock -c fsync=off" \
	start >/dev/null || { cat "$PGW/server.log" >&2; fail "the PostgreSQL server did not start"; }
{
	echo "\\set ON_ERROR_STOP 1"
	echo "SET client_min_messages = warning;"
	echo "CREATE EXTENSION compliance;"
	echo "CREATE TEMP TABLE c(profile text, score text, n int);"
	echo "CREATE TEMP TABLE u(profile text, entity text, type text, unit text, unit_score numeric);"
	awk -F'\t' '{ printf "INSERT INTO c VALUES(\x27%s\x27, \x27%s\x27, %d);\n", $1, $2, NR }' "$U/class.tsv"
	awk -F'\t' '{ gsub("\x27", "\x27\x27"); printf "INSERT INTO u VALUES(\x27%s\x27, \x27%s\x27, \x27%s\x27, \x27%s\x27, %s);\n", $1, $2, $3, $4, $5 }' "$U/units.tsv"
	echo "SELECT profile, score, coalesce(compliance_category(profile, score::numeric), ''), compliance_zone(profile, score::numeric) FROM c ORDER BY n;"
	echo "SELECT profile, entity, s, coalesce(compliance_category(profile, s), ''), compliance_zone(profile, s)"
	echo "  FROM (SELECT profile, entity, compliance_entity(profile, unit_score) AS s FROM u GROUP BY profile, entity) e"
	echo "  ORDER BY profile COLLATE \"C\", entity COLLATE \"C\";"
	echo "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR' \\g $PGW/pkglibdir"
	echo "SELECT extversion FROM pg_extension WHERE extname = 'compliance' \\g $PGW/extversion"
} >"$U/use-pg.sql"
cp "$U/use-pg.sql" "$PGW/use.sql" && chmod 644 "$PGW/use.sql"
"${RUN[@]}" "$BINDIR/psql" -X -q -A -t -F "$(printf '\t')" -h "$PGW/sock" -p "$PORT" -U postgres \
	-d postgres -f "$PGW/use.sql" >"$U/postgresql.tsv" 2>"$U/psql.err" ||
	{ cat "$U/psql.err" "$PGW/server.log" >&2; fail "psql: CREATE EXTENSION compliance and its functions"; }
check postgresql "$U/postgresql.tsv"
[ "$(cat "$PGW/pkglibdir")" = "$T$PKGLIBDIR" ] ||
	fail "the server's pkglibdir is $(cat "$PGW/pkglibdir"), not the tree's $T$PKGLIBDIR"
echo "postgresql: extension $(cat "$PGW/extversion") from $T$PKGLIBDIR"
echo "PASS (deb_use.sh)"
