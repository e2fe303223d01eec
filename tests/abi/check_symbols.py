#!/usr/bin/env python3
"""The exported symbols, three ways, must agree (libxkbcommon's symbol test,
curl's tests/data/test1167):

  1. what the shared object exports: nm -D --defined-only;
  2. the global: entries of the version script libcompliance.map;
  3. the declarations marked COMPLIANCE_API in the public headers.

Also: every exported symbol starts with compliance_ and carries a version
node of the map (LIBCOMPLIANCE_*), the map has no wildcard or duplicate
among its globals, and no function is declared in a public header without
COMPLIANCE_API.

usage: check_symbols.py LIBRARY MAP INCLUDE_DIR [NM]
"""
import os
import re
import subprocess
import sys

PREFIX = "compliance_"
# Words that are followed by '(' in a declaration without being a function
# name: "void (*free_fn)(...)", "__attribute__((...))".
NOT_FUNCTIONS = {
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
    "const", "volatile", "restrict", "struct", "union", "enum", "sizeof",
    "__attribute__", "__declspec", "_Alignas", "alignas", "_Static_assert",
}

failures = []


def fail(msg):
    failures.append(msg)


def strip_c(text):
    """Removes comments, string literals and preprocessor lines."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"\\\n", " ", text)  # join continued lines (macros)
    text = re.sub(r"^\s*#[^\n]*", " ", text, flags=re.M)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return text


def header_symbols(include_dir):
    """(marked, unmarked): names declared with COMPLIANCE_API, and function
    names declared without it."""
    marked, declared = {}, {}
    for root, _, files in os.walk(include_dir):
        for name in sorted(files):
            if not name.endswith(".h"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, include_dir)
            with open(path, encoding="utf-8") as f:
                text = strip_c(f.read())
            # One declaration is the text between two ';' or braces.
            for decl in re.split(r"[;{}]", text):
                decl = " ".join(decl.split())
                if not decl:
                    continue
                if re.search(r"\bCOMPLIANCE_API\b", decl):
                    m = re.search(r"\b([A-Za-z_]\w*)\s*\(", decl.replace("COMPLIANCE_API", ""))
                    if m is None:  # a variable: the last identifier
                        m = re.search(r"\b([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*$", decl)
                    if m is None:
                        fail("%s: cannot read the name in '%s'" % (rel, decl))
                        continue
                    marked.setdefault(m.group(1), rel)
                if decl.startswith("typedef"):
                    continue
                for fn in re.findall(r"\b([A-Za-z_]\w*)\s*\(", decl):
                    if fn not in NOT_FUNCTIONS and fn != "COMPLIANCE_API":
                        declared.setdefault(fn, rel)
                        break  # the first one is the function; the rest are parameters
    unmarked = {n: f for n, f in declared.items() if n not in marked}
    return marked, unmarked


def map_symbols(map_path):
    """(globals, nodes) of a GNU ld version script."""
    with open(map_path, encoding="utf-8") as f:
        text = strip_c(f.read())
    text = re.sub(r"#[^\n]*", " ", text)
    globals_, nodes = [], []
    for node, body in re.findall(r"([A-Za-z_][\w.]*)\s*\{(.*?)\}\s*[\w.]*\s*;", text, flags=re.S):
        nodes.append(node)
        # Entries from "global:" up to "local:" or the end of the node.
        for section in re.findall(r"global\s*:(.*?)(?=\blocal\s*:|$)", body, flags=re.S):
            for entry in section.split(";"):
                entry = entry.strip()
                if entry:
                    globals_.append(entry)
    return globals_, nodes


def nm_symbols(lib, nm):
    """{name: version} of the defined dynamic symbols, and the version nodes."""
    out = subprocess.run([nm, "-D", "--defined-only", lib], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    symbols, version_nodes = {}, set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 3:
            fail("nm: cannot read '%s'" % line)
            continue
        _, kind, name = parts
        if kind == "A" and "@" not in name:
            version_nodes.add(name)  # a version definition, not a symbol
            continue
        base, _, version = name.partition("@")
        symbols[base] = version.lstrip("@")
    return symbols, version_nodes


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    lib, map_path, include_dir = sys.argv[1:4]
    nm = sys.argv[4] if len(sys.argv) == 5 else "nm"

    exported, version_nodes = nm_symbols(lib, nm)
    globals_, nodes = map_symbols(map_path)
    declared, unmarked = header_symbols(include_dir)

    if not exported:
        fail("nm finds no exported symbol in %s" % lib)
    if not globals_:
        fail("no global: entry in %s" % map_path)
    if not declared:
        fail("no COMPLIANCE_API declaration under %s" % include_dir)

    for entry in globals_:
        if re.search(r"[*?\[]", entry):
            fail("libcompliance.map: wildcard '%s' among the globals" % entry)
    dups = sorted({g for g in globals_ if globals_.count(g) > 1})
    if dups:
        fail("libcompliance.map lists twice: %s" % ", ".join(dups))
    for node in nodes:
        if not node.startswith("LIBCOMPLIANCE_"):
            fail("libcompliance.map: version node '%s' is not LIBCOMPLIANCE_*" % node)
    if version_nodes != set(nodes):
        fail("version nodes: the library defines %s, the map %s"
             % (sorted(version_nodes), sorted(nodes)))

    for name, version in sorted(exported.items()):
        if not name.startswith(PREFIX):
            fail("exported symbol without the %s prefix: %s" % (PREFIX, name))
        if version not in nodes:
            fail("exported symbol %s has version '%s', not a node of the map" % (name, version))
    for name, header in sorted(unmarked.items()):
        fail("%s declares %s() without COMPLIANCE_API" % (header, name))

    sets = {
        "exported by the library (nm -D)": set(exported),
        "listed in libcompliance.map": set(globals_),
        "declared COMPLIANCE_API in include/": set(declared),
    }
    everything = set().union(*sets.values())
    for name in sorted(everything):
        missing = [what for what, s in sets.items() if name not in s]
        if missing:
            present = [what for what, s in sets.items() if name in s]
            fail("%s is %s, but not %s" % (name, " and ".join(present), " nor ".join(missing)))

    if failures:
        for f in failures:
            print("FAIL: " + f, file=sys.stderr)
        return 1
    print("%d symbols: exported, in the map and declared COMPLIANCE_API alike; all %s*, "
          "versioned %s" % (len(exported), PREFIX, ", ".join(sorted(version_nodes))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
