#!/usr/bin/env python3
"""A reference implementation of `compliance score --format csv`.

Written from the scoring rules in docs/profile-format.md, docs/input-format.md
and the shared METHODOLOGY.md, independently of the C sources, so that the
differential test (differential.py) can compare the two implementations.
Standard library only; every number is an exact fractions.Fraction, read from
its decimal text (never through a binary float).

    compliance_ref.py score --profile ID|FILE [--profiles-dir DIR]
                      [--missing error|exclude|minimum] [--format csv] FILE|-

A profile ID (no '/' and not ending in .json) names DIR/ID.json; so does the
"extends" key of a profile file. DIR defaults to ../../profiles beside this
script (the repository's built-in profiles).

Input: CSV with the header entity,entity_type,unit,score (unit scores) or
entity,entity_type,unit,indicator,value (values of the indicator tree; the
indicator "@score" gives the unit score itself; the unit "@entity" gives an
entity-level yes/no input: a qualifier's input or a flag's id; an empty unit,
any other unit or indicator starting with '@', is refused).

Output: entity,entity_type,units,score,category,zone,label,rank,rank_in_type,
best score first (then entity name, byte order); ranks are competition ranks
(1, 2, 2, 4) on the rounded score, nationally and within the entity type.

Exit status: 0 success; 2 bad profile, bad input or usage; 3 a feature the
reference does not model (product-score input, flag deductions, a profile
that does not round the entity score).
"""

import argparse
import csv
import io
import json
import os
import re
import sys
from fractions import Fraction

ENTITY_TYPES = ("kementerian", "lembaga", "provinsi", "kota", "kabupaten")
YES = ("ya", "yes", "1")
NO = ("tidak", "no", "0")
DECIMAL_RE = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
HEADER_UNITS = ["entity", "entity_type", "unit", "score"]
HEADER_VALUES = ["entity", "entity_type", "unit", "indicator", "value"]
HEADER_PRODUCTS = ["entity", "entity_type", "unit", "product", "score"]


class RefError(Exception):
    """Bad profile or bad input: exit status 2."""


class Unsupported(Exception):
    """Something the reference deliberately does not model: exit status 3."""


# ---------------------------------------------------------------- numbers --

class JsonNumber(str):
    """The text of a JSON number, kept as written."""


def decimal(text, what):
    """An exact number from decimal text ("21.85", ".5", "3"); no exponents."""
    if text is None or isinstance(text, (bool, dict, list)):
        raise RefError("%s: expected a number, found %r" % (what, text))
    s = str(text).strip()
    if not DECIMAL_RE.match(s):
        raise RefError("%s: expected a decimal number, found %r" % (what, text))
    return Fraction(s)


def round_half_up(x, decimals):
    """x rounded half away from zero to `decimals`, as a scaled integer."""
    q = x * 10 ** decimals
    n = abs(q)
    whole = n.numerator // n.denominator
    if (n - whole) * 2 >= 1:
        whole += 1
    return -whole if q < 0 else whole


def format_scaled(n, decimals):
    """A scaled integer as decimal text with exactly `decimals` places."""
    sign = "-" if n < 0 else ""
    digits = str(abs(n)).rjust(decimals + 1, "0")
    if decimals == 0:
        return sign + digits
    return sign + digits[:-decimals] + "." + digits[-decimals:]


# ---------------------------------------------------------------- profile --

def read_json(path):
    def bad_constant(name):
        raise RefError("%s: %s is not a number" % (path, name))

    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, parse_float=JsonNumber, parse_int=JsonNumber,
                             parse_constant=bad_constant)
    except OSError as e:
        raise RefError("%s: %s" % (path, e.strerror))
    except ValueError as e:
        raise RefError("%s: invalid JSON: %s" % (path, e))


def merge_nodes(base, override):
    """Nodes of `override` replace same-id siblings of `base` key by key
    (children merged the same way); new ids are appended."""
    out = [dict(n) for n in base]
    where = {n.get("id"): i for i, n in enumerate(out)}
    for node in override:
        nid = node.get("id")
        if nid in where:
            merged = dict(out[where[nid]])
            for k, v in node.items():
                if k == "children":
                    merged[k] = merge_nodes(merged.get("children") or [], v)
                else:
                    merged[k] = v
            out[where[nid]] = merged
        else:
            out.append(dict(node))
            where[nid] = len(out) - 1
    return out


def builtin_path(profiles_dir, pid):
    if not re.match(r"^[A-Za-z0-9._-]+$", pid or ""):
        raise RefError("bad profile id %r" % (pid,))
    path = os.path.join(profiles_dir, pid + ".json")
    if not os.path.exists(path):
        raise RefError("unknown profile '%s'" % pid)
    return path


class Node:
    def __init__(self, raw, profile_scale, path):
        if not isinstance(raw, dict):
            raise RefError("%s: a node must be an object" % path)
        self.id = raw.get("id")
        if not isinstance(self.id, str) or not self.id or isinstance(self.id, JsonNumber):
            raise RefError("%s: a node needs a text id" % path)
        where = "%s (%s)" % (path, self.id)
        w = raw.get("weight")
        self.weight = None if w is None else decimal(w, where + ".weight")
        if self.weight is not None and self.weight < 0:
            raise RefError("%s: negative weight" % where)
        self.children = [Node(c, profile_scale, "%s.children[%d]" % (path, i))
                         for i, c in enumerate(raw.get("children") or [])]
        self.yes_no = False
        self.has_scale = "scale" in raw and raw["scale"] is not None
        if self.has_scale and self.children:
            raise RefError("%s: a node has either a scale or children" % where)
        sc = raw.get("scale")
        # a scale whose levels are named has whole levels only
        self.whole = isinstance(sc, dict) and sc.get("labels") is not None
        if sc == "yes-no":
            self.yes_no = True
            self.lo, self.hi = Fraction(0), Fraction(1)
        elif isinstance(sc, dict):
            self.lo = decimal(sc.get("min"), where + ".scale.min")
            self.hi = decimal(sc.get("max"), where + ".scale.max")
            if self.lo >= self.hi:
                raise RefError("%s: empty scale" % where)
        elif sc is None:
            # an inner node, or a leaf without a scale: a score on the
            # profile's scale
            self.lo, self.hi = profile_scale
        else:
            raise RefError("%s: bad scale %r" % (where, sc))
        wt = raw.get("weights_total")
        self.weights_total = None if wt is None else decimal(wt, where + ".weights_total")
        if self.weights_total is not None:
            check_total(self.children, self.weights_total, where)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def needs_weights_below(self):
        """True when an indicator (a node with its own scale) is at or below."""
        return any(n.has_scale for n in self.walk())


def check_total(nodes, total, where):
    if any(n.weight is None for n in nodes):
        return  # unpublished weights: checked when they are needed
    s = sum((n.weight for n in nodes), Fraction(0))
    if s != total:
        raise RefError("%s: weights sum to %s, not the declared %s" % (where, s, total))


class Band:
    def __init__(self, raw, decimals, i, default_set=None):
        where = "bands[%d]" % i
        if not isinstance(raw, dict):
            raise RefError(where + ": a band must be an object")
        self.lo = decimal(raw.get("min"), where + ".min")
        self.hi = decimal(raw.get("max"), where + ".max")
        for v in (self.lo, self.hi):
            if (v * 10 ** decimals).denominator != 1:
                raise RefError(where + ": an edge with more than %d decimals" % decimals)
        if self.lo > self.hi:
            raise RefError(where + ": min above max")
        self.category = raw.get("category") or ""
        self.zone = raw.get("zone")
        if self.zone not in ("hijau", "kuning", "merah"):
            raise RefError(where + ": zone must be hijau, kuning or merah")
        self.label = raw.get("label") or ""
        if default_set and not self.label:  # the default label set given in "labels"
            self.label = ((raw.get("labels") or {}).get(default_set) or {}).get("label") or ""
        # every set's label ("" when not published) and certificate, by set id
        self.set_labels = {k: (v or {}).get("label") or ""
                           for k, v in (raw.get("labels") or {}).items()}
        self.set_certificate = {k: (v or {}).get("certificate") is True
                                for k, v in (raw.get("labels") or {}).items()}
        if default_set and default_set not in self.set_labels:
            self.set_labels[default_set] = self.label
            self.set_certificate[default_set] = False


class Profile:
    def __init__(self, data):
        if not isinstance(data, dict):
            raise RefError("a profile is a JSON object")
        self.id = data.get("id")
        if not isinstance(self.id, str) or not re.match(r"^[A-Za-z0-9._-]+$", self.id):
            raise RefError("the profile needs an id of letters, digits, '-', '_', '.'")
        if "year" not in data:
            raise RefError("the profile needs a year")
        sc = data.get("scale")
        if not isinstance(sc, dict):
            raise RefError("the profile needs a scale")
        self.lo = decimal(sc.get("min"), "scale.min")
        self.hi = decimal(sc.get("max"), "scale.max")
        if self.lo >= self.hi:
            raise RefError("scale: empty")
        rd = data.get("rounding")
        if not isinstance(rd, dict) or rd.get("mode") != "half-up":
            raise RefError("rounding: only half-up is defined")
        dec = rd.get("decimals")
        if not isinstance(dec, JsonNumber) or not re.match(r"^[0-9]+$", dec):
            raise RefError("rounding.decimals: a whole number")
        self.decimals = int(dec)
        self.stages = list(rd.get("stages") or [])
        for s in self.stages:
            if s not in ("unit", "entity"):
                raise RefError("rounding.stages: unit or entity, not %r" % (s,))
        if "entity" not in self.stages:
            raise Unsupported("a profile that does not round the entity score")
        # the roll-up (units or products) only matters for product scores,
        # which the reference does not read: with one score per unit both
        # give the mean of the unit scores

        bands = data.get("bands")
        if not isinstance(bands, list) or not bands:
            raise RefError("the profile needs bands")
        # the default label set: the first of "label_sets" (docs/profile-format.md)
        sets = data.get("label_sets") or [{"id": "default"}]
        default_set = sets[0].get("id")
        self.bands = [Band(b, self.decimals, i, default_set) for i, b in enumerate(bands)]
        # with declared label sets: a column per further set that labels
        # entities, and "certificate" when an entity label carries one
        self.entity_sets = [st.get("id") for st in (data.get("label_sets") or [])
                            if "entity" in (st.get("scope") or [])]
        self.extra_sets = [sid for sid in self.entity_sets if sid != default_set]
        self.has_certificate = any(b.set_certificate.get(sid) for b in self.bands
                                   for sid in self.entity_sets)
        step = Fraction(1, 10 ** self.decimals)
        if self.bands[0].hi != self.hi:
            raise RefError("bands: the highest band must end at the scale maximum")
        if self.bands[-1].lo != self.lo:
            raise RefError("bands: the lowest band must start at the scale minimum")
        for upper, lower in zip(self.bands, self.bands[1:]):
            if lower.hi != upper.lo - step:
                raise RefError("bands: a gap or an overlap below %s" % upper.lo)

        self.nodes = [Node(n, (self.lo, self.hi), "nodes[%d]" % i)
                      for i, n in enumerate(data.get("nodes") or [])]
        wt = data.get("weights_total")
        if wt is not None:
            check_total(self.nodes, decimal(wt, "weights_total"), "nodes")
        self.by_id = {}
        for top in self.nodes:
            for n in top.walk():
                if n.id in self.by_id:
                    raise RefError("node id '%s' is used twice" % n.id)
                self.by_id[n.id] = n
        for top in self.nodes:
            for n in top.walk():
                if n.weight is None and n.needs_weights_below() and \
                        data.get("skeleton") is not True:
                    raise RefError("node '%s': weight not published but indicators "
                                   "below it need it" % n.id)

        self.qualifiers = []
        self.set_qualifiers = []
        for q in data.get("qualifiers") or []:
            when = q.get("when", True)
            if not isinstance(when, bool):
                raise RefError("qualifiers: 'when' is true or false")
            # a qualifier appends to the default label set unless it names others
            suffix = q.get("label_suffix") or ""
            qsets = q.get("label_sets") or [default_set]
            self.set_qualifiers.append((q.get("input"), when, suffix, qsets))
            if default_set not in qsets:
                suffix = ""
            self.qualifiers.append((q.get("input"), when, suffix))
        self.flags = {}
        for fl in data.get("flags") or []:
            d = fl.get("deduction")
            self.flags[fl.get("id")] = None if d is None else decimal(d, "flags.deduction")
        self.inputs = {q[0] for q in self.qualifiers} | set(self.flags)


def load_profile(spec, profiles_dir):
    if "/" in spec or spec.endswith(".json"):
        data = read_json(spec)
    else:
        data = read_json(builtin_path(profiles_dir, spec))
    if isinstance(data, dict) and data.get("extends") is not None:
        base = read_json(builtin_path(profiles_dir, data["extends"]))
        if isinstance(base, dict) and base.get("extends") is not None:
            raise RefError("a built-in profile cannot extend another")
        merged = dict(base)
        merged.pop("skeleton", None)  # an extension of a skeleton gives its weights
        for k, v in data.items():
            if k == "extends":
                continue
            merged[k] = merge_nodes(base.get("nodes") or [], v) if k == "nodes" else v
        if "bands" in data and "label_sets" not in data and merged.get("label_sets"):
            merged["label_sets"] = merged["label_sets"][:1]  # only the default set stays
        data = merged
    return Profile(data)


# ------------------------------------------------------------------ input --

class Unit:
    def __init__(self, name):
        self.name = name
        self.score = None     # a direct unit score
        self.values = {}      # node id -> Fraction on the node's own scale


class Entity:
    def __init__(self, name, etype):
        self.name = name
        self.type = etype
        self.units = {}       # name -> Unit, in order of appearance
        self.inputs = {}      # entity-level yes/no inputs


def yes_no(text, what):
    s = text.strip()
    if s in YES:
        return True
    if s in NO:
        return False
    raise RefError("%s: expected ya/tidak, yes/no or 1/0, found %r" % (what, text))


def in_range(x, lo, hi, what):
    if x < lo or x > hi:
        raise RefError("%s: %s is outside %s to %s" % (what, x, lo, hi))
    return x


def read_input(path, profile):
    try:
        if path == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
    except OSError as e:
        raise RefError("%s: %s" % (path, e.strerror))
    except UnicodeDecodeError:
        raise RefError("%s: not UTF-8" % path)
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True)]
    numbered = [(i + 1, r) for i, r in enumerate(rows) if r]
    if not numbered:
        raise RefError("%s: empty" % path)
    _, header = numbered[0]
    if header == HEADER_PRODUCTS:
        raise Unsupported("product scores")
    if header not in (HEADER_UNITS, HEADER_VALUES):
        raise RefError("%s: unknown header %r" % (path, header))
    values = header == HEADER_VALUES
    entities = {}
    for line, r in numbered[1:]:
        where = "%s:%d" % (path, line)
        if len(r) != len(header):
            raise RefError("%s: %d fields, expected %d" % (where, len(r), len(header)))
        name, etype, uname = r[0], r[1], r[2]
        if not name:
            raise RefError(where + ": empty entity name")
        if etype not in ENTITY_TYPES:
            raise RefError(where + ": unknown entity type %r" % etype)
        ent = entities.get(name)
        if ent is None:
            ent = entities[name] = Entity(name, etype)
        elif ent.type != etype:
            raise RefError(where + ": entity given with two types")
        if not values:
            if not uname:
                raise RefError(where + ": empty unit name")
            if uname in ent.units:
                raise RefError(where + ": unit given twice")
            u = ent.units[uname] = Unit(uname)
            u.score = in_range(decimal(r[3], where), profile.lo, profile.hi, where)
            continue
        ind, val = r[3], r[4]
        if not uname:
            raise RefError(where + ": empty unit name")
        if uname.startswith("@") and uname != "@entity":
            raise RefError(where + ": reserved unit name %r" % uname)
        if ind.startswith("@") and ind != "@score":
            raise RefError(where + ": reserved indicator %r" % ind)
        if uname == "@entity":
            if ind not in profile.inputs:
                raise RefError(where + ": %r is not an entity-level input" % ind)
            if ind in ent.inputs:
                raise RefError(where + ": input given twice")
            ent.inputs[ind] = yes_no(val, where)
            continue
        u = ent.units.get(uname)
        if u is None:
            u = ent.units[uname] = Unit(uname)
        if ind == "@score":
            if u.score is not None or u.values:
                raise RefError(where + ": unit score given twice, or with values")
            u.score = in_range(decimal(val, where), profile.lo, profile.hi, where)
            continue
        node = profile.by_id.get(ind)
        if node is None:
            raise RefError(where + ": %r is not a node of the profile" % ind)
        if u.score is not None:
            raise RefError(where + ": the unit already has a score")
        if ind in u.values:
            raise RefError(where + ": value given twice")
        x = yes_no(val, where) if node.yes_no else decimal(val, where)
        u.values[ind] = in_range(Fraction(x), node.lo, node.hi, where)
        if node.whole and u.values[ind].denominator != 1:
            raise RefError(where + ": %r is not a whole level" % val)
    return list(entities.values())


# ---------------------------------------------------------------- scoring --

def share(node, unit, policy, where):
    """The node's share in [0, 1], or None when excluded."""
    if node.id in unit.values:
        if any(c.id in unit.values for c in node.walk() if c is not node):
            raise RefError("%s: node '%s' given a score and values below it" % (where, node.id))
        return (unit.values[node.id] - node.lo) / (node.hi - node.lo)
    if node.children:
        return mean_of(node.children, unit, policy, where)
    if policy == "error":
        raise RefError("%s: no answer for '%s'" % (where, node.id))
    if policy == "exclude":
        return None
    return Fraction(0)  # minimum: the lowest answer of the scale


# The most bits any exact node share, unit score or entity mean needed (in
# its numerator or denominator, reduced). The library holds exact values in
# 128-bit integers; the differential test accepts its overflow refusal only
# when some value really needs more than 127 bits.
EXACT_BITS = [0]


def note_bits(x):
    EXACT_BITS[0] = max(EXACT_BITS[0], abs(x.numerator).bit_length(), x.denominator.bit_length())
    return x


def mean_of(children, unit, policy, where):
    total_w = Fraction(0)
    total = Fraction(0)
    present = False
    for c in children:
        s = share(c, unit, policy, where)
        if s is None:
            continue
        if c.weight is None:
            raise RefError("%s: the weight of '%s' is not published" % (where, c.id))
        present = True
        total_w += c.weight
        total += c.weight * s
    if not present:
        return None
    if total_w == 0:
        raise RefError("%s: the weights taken sum to 0" % where)
    return note_bits(total / total_w)


def unit_score(profile, ent, unit, policy):
    if unit.score is not None:
        return unit.score
    where = "entity '%s', unit '%s'" % (ent.name, unit.name)
    s = mean_of(profile.nodes, unit, policy, where)
    if s is None:
        raise RefError(where + ": nothing to score")
    return note_bits(profile.lo + (profile.hi - profile.lo) * s)


def score(profile, entities, policy):
    d = profile.decimals
    results = []
    for ent in entities:
        if not ent.units:
            raise RefError("entity '%s': no units" % ent.name)
        scores = []
        for u in ent.units.values():
            x = unit_score(profile, ent, u, policy)
            if "unit" in profile.stages:
                x = Fraction(round_half_up(x, d), 10 ** d)
            scores.append(x)
        mean = note_bits(sum(scores, Fraction(0)) / len(scores))
        for fid, deduction in profile.flags.items():
            if deduction is not None and ent.inputs.get(fid):
                raise Unsupported("flag deductions")
        scaled = round_half_up(mean, d)
        value = Fraction(scaled, 10 ** d)
        band = next((b for b in profile.bands if b.lo <= value), None)
        if band is None or value > profile.hi:
            raise RefError("entity '%s': %s is outside the bands" % (ent.name, value))
        label = band.label
        for inp, when, suffix in profile.qualifiers:
            if inp in ent.inputs and ent.inputs[inp] == when:
                label += suffix
        results.append({"entity": ent.name, "type": ent.type, "units": len(scores),
                        "mean": mean, "scaled": scaled, "score": format_scaled(scaled, d),
                        "category": band.category or "-", "zone": band.zone,
                        "label": label,
                        "extra": [set_label(profile, band, ent, sid) for sid in profile.extra_sets]
                        + (["yes" if any(band.set_certificate.get(sid)
                                         for sid in profile.entity_sets) else "no"]
                           if profile.has_certificate else [])})
    results.sort(key=lambda r: (-r["scaled"], r["entity"].encode("utf-8")))
    competition_rank(results, "rank", lambda r: True)
    for t in ENTITY_TYPES:
        competition_rank(results, "rank_in_type", lambda r, t=t: r["type"] == t)
    return results


def competition_rank(results, key, member):
    seen = 0
    prev = None
    rank = 0
    for r in results:
        if not member(r):
            continue
        seen += 1
        if r["scaled"] != prev:
            rank = seen
            prev = r["scaled"]
        r[key] = rank


def csv_field(s):
    s = str(s)
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_text(s):
    """A text field, neutralised against formula injection (OWASP): one
    starting with = + - @ TAB or CR gets a leading ' and is quoted."""
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "\"'" + s.replace('"', '""') + '"'
    return csv_field(s)


def set_label(profile, band, ent, sid):
    """An entity's label in a further label set, with the qualifiers that
    append to that set; "-" when not published."""
    label = band.set_labels.get(sid) or ""
    if not label:
        return "-"
    for inp, when, suffix, qsets in profile.set_qualifiers:
        if sid in qsets and inp in ent.inputs and ent.inputs[inp] == when:
            label += suffix
    return label


def render_csv(results, profile=None):
    head = "entity,entity_type,units,score,category,zone,label,rank,rank_in_type"
    if profile is not None:
        head += "".join("," + csv_text("label_" + sid) for sid in profile.extra_sets)
        head += ",certificate" if profile.has_certificate else ""
    out = [head + "\n"]
    for r in results:
        # "-" is the placeholder for a zone-only edition's missing category
        cat = "-" if r["category"] == "-" else csv_text(r["category"])
        out.append(",".join((
            csv_text(r["entity"]), csv_text(r["type"]), csv_field(r["units"]),
            csv_field(r["score"]), cat, csv_text(r["zone"]), csv_text(r["label"]),
            csv_field(r["rank"]), csv_field(r["rank_in_type"]))
            + tuple(x if x in ("-", "yes", "no") else csv_text(x)
                    for x in r.get("extra", ()))) + "\n")
    return "".join(out)


# -------------------------------------------------------------------- CLI --

def default_profiles_dir():
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "..", "..", "profiles"))


def run(argv, stdout=None, stderr=None):
    """Runs the command line `argv` (without the program name); returns the
    exit status. Used by differential.py in-process."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    ap = argparse.ArgumentParser(prog="compliance_ref.py")
    sub = ap.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("score")
    sp.add_argument("--profile", required=True)
    sp.add_argument("--profiles-dir", default=default_profiles_dir())
    sp.add_argument("--missing", choices=("error", "exclude", "minimum"), default="error")
    sp.add_argument("--format", choices=("csv",), default="csv")
    sp.add_argument("--rusage", action="store_true",
                    help="report peak memory (resource.getrusage) on standard error")
    sp.add_argument("file")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    if args.rusage:
        import atexit
        import resource
        atexit.register(lambda: stderr.write(
            "compliance_ref: maxrss_kb=%d\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    try:
        profile = load_profile(args.profile, args.profiles_dir)
        entities = read_input(args.file, profile)
        text = render_csv(score(profile, entities, args.missing), profile)
    except RefError as e:
        stderr.write("compliance_ref: %s\n" % e)
        return 2
    except Unsupported as e:
        stderr.write("compliance_ref: not modelled by the reference: %s\n" % e)
        return 3
    except csv.Error as e:
        stderr.write("compliance_ref: %s: malformed CSV: %s\n" % (args.file, e))
        return 2
    stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
