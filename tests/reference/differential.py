#!/usr/bin/env python3
"""Differential test: the C command-line program against the Python reference.

    differential.py --cli PATH/TO/compliance --repo REPO_ROOT
                    [--cases N] [--seed S] [--workdir DIR] [--keep] [--verbose]
                    [--include-disputed]

Generates N cases deterministically (fixed seed): random profile trees
(depth 1-3, 1-6 children per node, weights with up to 2 decimals written as
JSON numbers or strings, declared weights_total equal to the exact sum,
scales 0-3, 1-4, 0-5, yes-no, 0-100), random bands covering the scale with
edges on its decimals, random entities, units and answers; missing answers
under each policy; unit and entity means steered onto band edges and exact
half-up ties; profiles extending the built-ins; and inputs with one fault
each. Every case runs through both

    compliance score --profile P --missing M --format csv IN
    compliance_ref.py score --profile P --profiles-dir REPO/profiles --missing M IN

and the two must agree exactly: the same CSV, row for row, or both refuse
the case (the CLI exits 2 and the reference rejects it). On a mismatch the
case (profile, input, command, both outputs) is printed for reproduction and
kept under --workdir. The last line is "N passed, N failed"; the exit status
is 1 when any case failed.

--include-disputed adds inputs where the library is more lenient than the
documented input format (a yes-no answer of 0.5); off by default.
"""

import argparse
import concurrent.futures
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compliance_ref as ref  # noqa: E402

SEED = 20250305
DEFAULT_CASES = 400
SCALES = [(0, 3), (1, 4), (0, 5), "yes-no", (0, 100)]
TYPES = list(ref.ENTITY_TYPES)
ENTITY_STEMS = ["Kota Contoh", "Kabupaten Maju", "Provinsi Sejahtera", "Kementerian Uji",
                "Lembaga Percobaan", "Kab. Pulau Taliabu", "Kota Bau-Bau",
                "Kabupaten Kepulauan Seribu", "Kota Tangerang Selatan", "Kab. Ñusa",
                "Kota \"Lama\"", "Kabupaten A, B", "kota kecil", "Zona Ünik"]
UNIT_NAMES = ["Dinas Kesehatan", "Disdukcapil", "Dinas Pendidikan", "Dinas Sosial", "DPMPTSP",
              "Puskesmas Utara", "Puskesmas Selatan", "Polres", "Kantor, Pertanahan",
              "RSUD \"Harapan\""]
ZONES = ["hijau", "kuning", "merah"]
LABELS = ["Kualitas Tertinggi", "Kualitas Tinggi", "Kualitas Sedang", "Kualitas Rendah",
          "Kualitas Terendah", "Kepatuhan, Tinggi", "Label \"kutip\"", "Sangat Baik"]


# ------------------------------------------------------------------ JSON --

class Raw:
    """A JSON number written exactly as this text."""

    def __init__(self, text):
        self.text = text


def dump(v, indent=0):
    pad = "  " * indent
    if isinstance(v, Raw):
        return v.text
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        out = '"'
        for ch in v:
            if ch in '"\\':
                out += "\\" + ch
            elif ord(ch) < 0x20:
                out += "\\u%04x" % ord(ch)
            else:
                out += ch
        return out + '"'
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + ",\n".join(pad + "  " + dump(x, indent + 1) for x in v) + "\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{\n" + ",\n".join(pad + "  " + dump(k) + ": " + dump(x, indent + 1)
                                  for k, x in v.items()) + "\n" + pad + "}"
    raise TypeError(v)


def dec_text(x, places=None):
    """Exact decimal text of a Fraction with a terminating expansion."""
    x = Fraction(x)
    if places is None:
        places = 0
        while (x * 10 ** places).denominator != 1:
            places += 1
    n = x * 10 ** places
    assert n.denominator == 1, (x, places)
    return ref.format_scaled(n.numerator, places)


def number(rng, x, max_places=2):
    """x written as a JSON number or a string, with some spelling variety."""
    minimal = dec_text(x)
    places = len(minimal.split(".")[1]) if "." in minimal else 0
    text = minimal
    if places < max_places and rng.random() < 0.3:
        text = dec_text(x, rng.randint(places, max_places))
    return text if rng.random() < 0.4 else Raw(text)


def csv_line(fields):
    return ",".join(ref.csv_field(f) for f in fields) + "\n"


# --------------------------------------------------------------- profiles --

class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.next_id = 0

    def node_id(self, prefix):
        self.next_id += 1
        return "%s%d" % (prefix, self.next_id)

    def weight(self):
        r = self.rng.random()
        if r < 0.3:
            return Fraction(self.rng.randint(1, 10))
        if r < 0.5:
            return Fraction(self.rng.randint(1, 500), 10)
        return Fraction(self.rng.randint(1, 5000), 100)

    def children(self, depth, prefix):
        """`depth` levels at most below here; returns raw nodes."""
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 6)):
            nid = self.node_id(prefix)
            if depth > 1 and rng.random() < 0.45:
                kids = self.children(depth - 1, nid + ".")
                node = {"id": nid, "name": "Inner " + nid}
                w = self.weight()
                node["weight"] = number(rng, w)
                node["_w"] = w
                if rng.random() < 0.85:
                    node["weights_total"] = number(rng, sum(k["_w"] for k in kids))
                node["children"] = kids
            else:
                sc = rng.choice(SCALES)
                w = self.weight()
                node = {"id": nid, "name": "Indikator " + nid, "weight": number(rng, w), "_w": w}
                if sc == "yes-no":
                    node["scale"] = "yes-no"
                else:
                    node["scale"] = {"min": number(rng, Fraction(sc[0])),
                                     "max": number(rng, Fraction(sc[1]))}
                    if sc[1] - sc[0] <= 5 and rng.random() < 0.3:
                        node["scale"]["labels"] = ["level %d" % i for i in range(sc[0], sc[1] + 1)]
            out.append(node)
        return out


def strip_private(v):
    if isinstance(v, list):
        return [strip_private(x) for x in v]
    if isinstance(v, dict):
        return {k: strip_private(x) for k, x in v.items() if not k.startswith("_")}
    return v


def leaf_count(nodes):
    return sum(leaf_count(n["children"]) if "children" in n else 1 for n in nodes)


def gen_bands(rng, lo, hi, decimals):
    step = Fraction(1, 10 ** decimals)
    k = rng.randint(1, 6)
    span = int((hi - lo) / step)
    cuts = sorted(rng.sample(range(1, span), k - 1))
    mins = [lo + c * step for c in cuts]
    edges = [lo] + mins  # lower bounds, ascending
    categorised = rng.random() < 0.7
    bands = []
    for i in range(len(edges) - 1, -1, -1):
        top = hi if i == len(edges) - 1 else edges[i + 1] - step
        b = {}
        if categorised:
            b["category"] = "ABCDEFG"[len(edges) - 1 - i]
        b["min"] = dec_text(edges[i], decimals)
        b["max"] = dec_text(top, decimals)
        if rng.random() < 0.3:
            b["min"] = Raw(b["min"])
        b["zone"] = rng.choice(ZONES)
        b["label"] = rng.choice(LABELS)
        b["source"] = "generated"
        b["confidence"] = "unknown"
        bands.append(b)
    return bands, edges


def gen_profile(rng, gen, case_no):
    """A standalone profile: (raw dict, info)."""
    r = rng.random()
    lo, hi = (Fraction(0), Fraction(100)) if r < 0.9 else (Fraction(0), Fraction(75))
    decimals = 2 if rng.random() < 0.85 else rng.choice([1, 3])
    stages = ["unit", "entity"] if rng.random() < 0.85 else ["entity"]
    while True:
        depth = rng.randint(1, 3)
        nodes = gen.children(depth, "n")
        if leaf_count(nodes) <= 40:
            break
    bands, edges = gen_bands(rng, lo, hi, decimals)
    prof = {"format": "libcompliance-profile/1", "id": "diff-%d" % case_no, "year": 2023,
            "name": "differential case %d" % case_no,
            "scale": {"min": number(rng, lo), "max": number(rng, hi)},
            "rounding": {"mode": "half-up", "decimals": Raw(str(decimals)), "stages": stages},
            "bands": bands}
    if rng.random() < 0.85:
        prof["weights_total"] = number(rng, sum(n["_w"] for n in nodes))
    prof["nodes"] = nodes
    if rng.random() < 0.25:
        prof["qualifiers"] = [{"id": "q", "input": "followed_up", "when": rng.random() < 0.7,
                               "label_suffix": " Tanpa Maladministrasi"}]
    if rng.random() < 0.2:
        prof["flags"] = [{"id": "ignored", "name": "ignored supervision", "deduction": None}]
    return prof


def gen_extends(rng, gen, case_no):
    """A profile extending ombudsman-2023 or ombudsman-2025."""
    if rng.random() < 0.7:
        dims = ["input", "proses", "output", "pengaduan"]
        over = []
        for d in dims:
            if rng.random() < 0.6:
                kids = gen.children(rng.randint(1, 2), d + ".")
                node = {"id": d, "children": kids}
                if rng.random() < 0.8:
                    node["weights_total"] = number(rng, sum(k["_w"] for k in kids))
                over.append(node)
        prof = {"id": "diff-%d" % case_no, "extends": "ombudsman-2023", "nodes": over}
    else:
        ws = [Fraction(rng.randint(1, 3000), 100) for _ in range(3)]
        ws.append(Fraction(70) - sum(ws))
        if ws[3] <= 0:
            ws = [Fraction(35, 2)] * 4
        kids = [{"id": d, "weight": number(rng, w)}
                for d, w in zip(["input", "proses", "output", "pengaduan"], ws)]
        if rng.random() < 0.5:
            sub = gen.children(1, "input.")
            kids[0]["children"] = sub
            kids[0]["weights_total"] = number(rng, sum(k["_w"] for k in sub))
        prof = {"id": "diff-%d" % case_no, "extends": "ombudsman-2025",
                "nodes": [{"id": "komposit", "children": kids}]}
    if rng.random() < 0.3:
        bands, _ = gen_bands(rng, Fraction(0), Fraction(100), 2)
        prof["bands"] = bands
    return prof


# ------------------------------------------------------------------ input --

def answer_text(rng, node, decimal_answers):
    if node.yes_no:
        return rng.choice(ref.YES if rng.random() < 0.5 else ref.NO)
    lo, hi = node.lo, node.hi
    if hi - lo >= 100 and decimal_answers and rng.random() < 0.5:
        # a 0-100 answer with up to 3 decimals: unit scores on exact ties
        v = Fraction(rng.randint(int(lo) * 1000, int(hi) * 1000), 1000)
        return dec_text(v)
    if decimal_answers and rng.random() < 0.1:
        v = Fraction(rng.randint(int(lo) * 2, int(hi) * 2), 2)
        return dec_text(v)
    return str(rng.randint(int(lo), int(hi)))


def unit_values(rng, profile, p_missing, p_inner, decimal_answers):
    """{node id: text} for one unit: answers, some missing, some inner
    nodes given a score directly instead of their children."""
    vals = {}

    def visit(node):
        if node.children:
            if p_inner and rng.random() < p_inner:
                v = Fraction(rng.randint(int(node.lo) * 100, int(node.hi) * 100), 100)
                vals[node.id] = dec_text(v)
                return
            for c in node.children:
                visit(c)
            return
        if rng.random() < p_missing:
            return
        if not node.has_scale:
            v = Fraction(rng.randint(int(node.lo) * 100, int(node.hi) * 100), 100)
            vals[node.id] = dec_text(v)
        else:
            vals[node.id] = answer_text(rng, node, decimal_answers)

    for n in profile.nodes:
        visit(n)
    if not vals:  # a unit appears only through its rows: keep one
        leaves = [n for top in profile.nodes for n in top.walk() if not n.children]
        leaf = rng.choice(leaves)
        vals[leaf.id] = answer_text(rng, leaf, decimal_answers) if leaf.has_scale else "50"
    return vals


def exact_unit(profile, vals, policy):
    """The reference's exact unit score for these values, or None."""
    u = ref.Unit("u")
    for k, v in vals.items():
        node = profile.by_id[k]
        x = ref.yes_no(v, k) if node.yes_no else ref.decimal(v, k)
        u.values[k] = Fraction(x)
    try:
        return ref.unit_score(profile, ref.Entity("e", "kota"), u, policy)
    except ref.RefError:
        return None


def is_tie(x, decimals):
    q = x * 10 ** decimals * 2
    return q.denominator == 1 and q.numerator % 2 == 1


def unit_round(profile, x):
    if "unit" in profile.stages:
        return Fraction(ref.round_half_up(x, profile.decimals), 10 ** profile.decimals)
    return x


def entity_names(rng, n):
    stems = rng.sample(ENTITY_STEMS, min(n, len(ENTITY_STEMS)))
    names = []
    for i in range(n):
        base = stems[i % len(stems)]
        names.append(base if i < len(stems) else "%s %d" % (base, i))
    return names


def gen_value_input(rng, profile, policy, stats, want_ties, want_edges, decimal_answers):
    """Rows (lists of fields) of an indicator-values CSV."""
    n_ent = rng.randint(1, 8)
    p_missing = rng.choice([0, 0, 0.05, 0.2, 0.5])
    if policy == "error" and rng.random() < 0.6:
        p_missing = 0  # most error-policy cases should score
    p_inner = rng.choice([0, 0, 0.1])
    names = entity_names(rng, n_ent)
    rows = []
    step = Fraction(1, 10 ** profile.decimals)
    edges = [b.lo for b in profile.bands]
    for name in names:
        etype = rng.choice(TYPES)
        n_units = rng.randint(1, 7)
        units = rng.sample(UNIT_NAMES, min(n_units, len(UNIT_NAMES)))
        ent_rows = []
        rounded = []
        for uname in units:
            if rng.random() < 0.1:
                v = Fraction(rng.randint(int(profile.lo) * 1000, int(profile.hi) * 1000), 1000)
                ent_rows.append([name, etype, uname, "@score", dec_text(v)])
                rounded.append(unit_round(profile, v))
                continue
            tries = 12 if want_ties else 1
            for _ in range(tries):
                vals = unit_values(rng, profile, p_missing, p_inner, decimal_answers)
                x = exact_unit(profile, vals, policy)
                if x is not None and is_tie(x, profile.decimals):
                    stats["tree unit scores on a tie"] += 1
                    break
            rounded.append(unit_round(profile, x) if x is not None else None)
            for k, v in vals.items():
                ent_rows.append([name, etype, uname, k, v])
        # steer the entity mean onto a band edge, or half a step below it
        if want_edges and "unit" in profile.stages and None not in rounded \
                and len(units) < len(UNIT_NAMES):
            n = len(rounded) + 1
            edge = rng.choice(edges)
            delta = rng.choice([0, 0, -Fraction(1, 2), -Fraction(1, 2), Fraction(-1), 1,
                                -Fraction(1, 2) - Fraction(1, n), -Fraction(1, 2) + Fraction(1, n)])
            target_sum = n * edge + delta * step * n
            # the extra unit score must itself survive unit rounding
            extra = target_sum - sum(rounded)
            extra_unit = [u for u in UNIT_NAMES if u not in units][0]
            if profile.lo <= extra <= profile.hi and (extra / step).denominator == 1:
                ent_rows.append([name, etype, extra_unit, "@score", dec_text(extra)])
                stats["entity means steered to an edge"] += 1
        if profile.qualifiers and rng.random() < 0.6:
            ent_rows.append([name, etype, "@entity", profile.qualifiers[0][0],
                             rng.choice(ref.YES + ref.NO)])
        if profile.flags and rng.random() < 0.5:
            ent_rows.append([name, etype, "@entity", next(iter(profile.flags)),
                             rng.choice(ref.YES + ref.NO)])
        rows.extend(ent_rows)
    if rng.random() < 0.3:
        rng.shuffle(rows)
    return rows


def gen_score_input(rng, profile, stats):
    """Rows of a unit-score CSV, with means on and around band edges."""
    rows = []
    step = Fraction(1, 10 ** profile.decimals)
    edges = [b.lo for b in profile.bands]
    names = entity_names(rng, rng.randint(2, 12))
    for name in names:
        etype = rng.choice(TYPES)
        n = rng.randint(1, 7)
        units = rng.sample(UNIT_NAMES, n)
        mode = rng.random()
        if mode < 0.6:
            # sum of n scores on the unit grid = n*edge + delta steps
            edge = rng.choice(edges)
            delta = rng.randint(-n, n)
            total = n * edge + delta * step
            if not (n * profile.lo <= total <= n * profile.hi):
                total = n * edge
            scores = []
            left = total
            for i in range(n - 1):
                rest = n - 1 - i
                lo = max(profile.lo, left - rest * profile.hi)
                hi = min(profile.hi, left - rest * profile.lo)
                v = lo + step * rng.randint(0, int((hi - lo) / step))
                scores.append(v)
                left -= v
            scores.append(left)
            stats["entity means steered to an edge"] += 1
            texts = [dec_text(s, profile.decimals) for s in scores]
        else:
            # scores with more decimals than the profile's: ties at the unit stage
            texts = []
            for _ in range(n):
                places = profile.decimals + rng.choice([1, 1, 2])
                g = Fraction(1, 10 ** places)
                v = profile.lo + g * rng.randint(0, int((profile.hi - profile.lo) / g))
                if rng.random() < 0.5:  # an exact tie x.xx5
                    v = (Fraction(ref.round_half_up(v, profile.decimals), 10 ** profile.decimals)
                         - step / 2)
                    if v < profile.lo:
                        v += step
                    stats["direct unit scores on a tie"] += 1
                texts.append(dec_text(v))
        for u, t in zip(units, texts):
            rows.append([name, etype, u, t])
    if rng.random() < 0.3:
        rng.shuffle(rows)
    return rows


FAULTS = ["empty unit", "reserved indicator", "out of range", "unknown node", "duplicate value",
          "type conflict",
          "inner and child", "unit score and values", "bad yes-no", "exponent",
          "empty value", "unknown entity type", "empty entity", "unit score out of scale",
          "unknown entity input", "wrong field count"]


def inject_fault(rng, profile, rows, fault):
    """Adds one fault to indicator-value rows; returns the new rows."""
    rows = [list(r) for r in rows]
    unit_rows = [r for r in rows if r[2] != "@entity" and r[3] != "@score"]
    if not unit_rows:
        return None
    r = rng.choice(unit_rows)
    node = profile.by_id[r[3]]
    leaves = [n for top in profile.nodes for n in top.walk() if n.has_scale]
    if fault == "out of range":
        if not leaves:
            return None
        leaf = rng.choice(leaves)
        bad = leaf.hi + rng.choice([1, Fraction(1, 100)]) if rng.random() < 0.5 \
            else leaf.lo - rng.choice([1, Fraction(1, 100)])
        rows = [x for x in rows if not (x[0] == r[0] and x[2] == r[2] and x[3] == leaf.id)]
        rows.append([r[0], r[1], r[2], leaf.id, dec_text(bad) if not leaf.yes_no else "2"])
    elif fault == "unknown node":
        rows.append([r[0], r[1], r[2], "no.such.node", "1"])
    elif fault == "duplicate value":
        rows.append(list(r))
    elif fault == "type conflict":
        other = [t for t in TYPES if t != r[1]]
        rows.append([r[0], rng.choice(other), "Unit Baru", r[3], r[4]])
    elif fault == "inner and child":
        inner = [n for top in profile.nodes for n in top.walk() if n.children]
        if not inner:
            return None
        n = rng.choice(inner)
        child = [c for c in n.walk() if not c.children][0]
        rows = [x for x in rows if not (x[0] == r[0] and x[2] == r[2] and x[3] in (n.id, child.id))]
        v = "1" if child.yes_no else dec_text(child.lo)
        rows.append([r[0], r[1], r[2], n.id, "50"])
        rows.append([r[0], r[1], r[2], child.id, v])
    elif fault == "unit score and values":
        rows.append([r[0], r[1], r[2], "@score", "50"])
    elif fault == "bad yes-no":
        yn = [n for n in leaves if n.yes_no]
        if not yn:
            return None
        leaf = rng.choice(yn)
        rows = [x for x in rows if not (x[0] == r[0] and x[2] == r[2] and x[3] == leaf.id)]
        rows.append([r[0], r[1], r[2], leaf.id, rng.choice(["mungkin", "2", "-1", "yaa"])])
    elif fault == "exponent":
        rows = [x for x in rows if not (x[0] == r[0] and x[2] == r[2] and x[3] == r[3])]
        rows.append([r[0], r[1], r[2], r[3], "1e0"])
    elif fault == "empty value":
        rows = [x for x in rows if not (x[0] == r[0] and x[2] == r[2] and x[3] == r[3])]
        rows.append([r[0], r[1], r[2], r[3], ""])
    elif fault == "unknown entity type":
        rows = [[x[0], "desa" if x[0] == r[0] else x[1]] + x[2:] for x in rows]
    elif fault == "empty entity":
        rows.append(["", r[1], r[2], r[3], r[4]])
    elif fault == "unit score out of scale":
        rows.append([r[0], r[1], "Unit Lain", "@score", dec_text(profile.hi + Fraction(1, 1000))])
    elif fault == "unknown entity input":
        rows.append([r[0], r[1], "@entity", "no_such_input", "ya"])
    elif fault == "empty unit":
        rows.append([r[0], r[1], "", r[3], r[4]])
    elif fault == "reserved indicator":
        rows.append([r[0], r[1], r[2], "@skor", r[4]])
    elif fault == "wrong field count":
        rows.append([r[0], r[1], r[2], r[3]])
    return rows


PROFILE_FAULTS = ["weights_total off by 0.01", "band gap", "band overlap",
                  "duplicate node id", "empty scale", "exponent weight"]


def inject_profile_fault(rng, prof, fault):
    if fault == "weights_total off by 0.01":
        s = sum(n["_w"] for n in prof["nodes"])
        prof["weights_total"] = Raw(dec_text(s + Fraction(1, 100)))
    elif fault in ("band gap", "band overlap"):
        if len(prof["bands"]) < 2:
            return False
        b = prof["bands"][1]
        mx = Fraction(str(b["max"].text if isinstance(b["max"], Raw) else b["max"]))
        d = len(b["max"].split(".")[1]) if "." in b["max"] else 0
        step = Fraction(1, 10 ** d)
        b["max"] = dec_text(mx - step if fault == "band gap" else mx + step, d)
    elif fault == "duplicate node id":
        first = prof["nodes"][0]
        leaf = first
        while "children" in leaf:
            leaf = leaf["children"][-1]
        copy = dict(leaf)
        prof["nodes"].append(copy)
        prof.pop("weights_total", None)
    elif fault == "empty scale":
        leaf = prof["nodes"][0]
        while "children" in leaf:
            leaf = leaf["children"][0]
        leaf["scale"] = {"min": Raw("2"), "max": Raw("2")}
    elif fault == "exponent weight":
        prof["nodes"][0]["weight"] = Raw("1e1")
        prof.pop("weights_total", None)
    return True


# ------------------------------------------------------------------ cases --

class Case:
    def __init__(self, no, kind, profile_text, input_text, policy, note=""):
        self.no = no
        self.kind = kind
        self.profile_text = profile_text
        self.input_text = input_text
        self.policy = policy
        self.note = note


def make_case(rng, no, workdir, repo, stats):
    gen = Gen(rng)
    r = rng.random()
    policy = rng.choice(["error", "exclude", "minimum"])
    if r < 0.07:
        # a built-in profile by id, its published bands and scale
        kind = "built-in"
        pdir = os.path.join(workdir, "case-%04d" % no)
        os.makedirs(pdir, exist_ok=True)
        # the assessment editions (an SKM method, kind "skm", is no
        # assessment) that have bands (pekppp-2022's are the user's)
        pdir_all = os.path.join(repo, "profiles")
        ids = sorted(f[:-5] for f in os.listdir(pdir_all)
                     if f.endswith(".json") and not f.startswith("skm-")
                     and "bands" in ref.read_json(os.path.join(pdir_all, f)))
        pid = rng.choice(ids)
        profile = ref.load_profile(pid, os.path.join(repo, "profiles"))
        rows = gen_score_input(rng, profile, stats)
        input_text = csv_line(ref.HEADER_UNITS) + "".join(csv_line(x) for x in rows)
        with open(os.path.join(pdir, "input.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(input_text)
        case = Case(no, kind, None, input_text, policy, "built-in " + pid)
        case.profile_arg = pid
        return case
    if r < 0.17:
        kind = "unit scores"
        prof = gen_profile(rng, gen, no)
        prof["nodes"] = []
        prof.pop("weights_total", None)
    elif r < 0.3:
        kind = "extends"
        prof = gen_extends(rng, gen, no)
    else:
        kind = "indicator tree"
        prof = gen_profile(rng, gen, no)
    profile_text = dump(strip_private(prof)) + "\n"
    pdir = os.path.join(workdir, "case-%04d" % no)
    os.makedirs(pdir, exist_ok=True)
    ppath = os.path.join(pdir, "profile.json")
    with open(ppath, "w", encoding="utf-8") as f:
        f.write(profile_text)
    profile = ref.load_profile(ppath, os.path.join(repo, "profiles"))
    if kind == "unit scores":
        rows = gen_score_input(rng, profile, stats)
        header = ref.HEADER_UNITS
        note = ""
    else:
        want_ties = rng.random() < 0.4
        want_edges = rng.random() < 0.5
        rows = gen_value_input(rng, profile, policy, stats, want_ties, want_edges,
                               decimal_answers=rng.random() < 0.5)
        header = ref.HEADER_VALUES
        note = ""
        f = rng.random()
        if f < 0.12:
            fault = rng.choice(FAULTS)
            faulty = inject_fault(rng, profile, rows, fault)
            if faulty is not None:
                rows = faulty
                note = "input fault: " + fault
                stats["input faults"] += 1
        elif f < 0.16 and kind == "indicator tree":
            fault = rng.choice(PROFILE_FAULTS)
            if inject_profile_fault(rng, prof, fault):
                note = "profile fault: " + fault
                stats["profile faults"] += 1
                profile_text = dump(strip_private(prof)) + "\n"
                with open(ppath, "w", encoding="utf-8") as fh:
                    fh.write(profile_text)
    input_text = csv_line(header) + "".join(csv_line(x) for x in rows)
    if rng.random() < 0.1:
        input_text = input_text.replace("\n", "\r\n")
    if rng.random() < 0.05:
        input_text = "\ufeff" + input_text
    with open(os.path.join(pdir, "input.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(input_text)
    return Case(no, kind, profile_text, input_text, policy, note)


def fixed_cases(repo, workdir):
    """The bundled examples and the kept reproducers, before the random ones."""
    out = []
    ex = [("examples/profiles/instrument-2023.json", "examples/data/answers-2023.csv", "error"),
          ("examples/profiles/instrument-2023.json", "examples/data/answers-2023.csv", "exclude"),
          ("ombudsman-2022", "examples/data/scores-2022.csv", "error"),
          # reproducers of disagreements found by this test (repro/README.md)
          ("ombudsman-2021", "tests/reference/repro/product-rollup-2021.csv", "error"),
          ("tests/reference/repro/overflow-mean.json", "tests/reference/repro/overflow-mean.csv",
           "exclude"),
          ("tests/reference/repro/overflow-unit.json", "tests/reference/repro/overflow-unit.csv",
           "error")]
    for i, (p, d, m) in enumerate(ex):
        pdir = os.path.join(workdir, "fixed-%d" % i)
        os.makedirs(pdir, exist_ok=True)
        ptext = None  # a built-in id, given as is
        if p.endswith(".json"):
            with open(os.path.join(repo, p), encoding="utf-8") as f:
                ptext = f.read()
            shutil.copy(os.path.join(repo, p), os.path.join(pdir, "profile.json"))
        shutil.copy(os.path.join(repo, d), os.path.join(pdir, "input.csv"))
        with open(os.path.join(repo, d), encoding="utf-8") as f:
            c = Case("fixed-%d" % i, "example" if d.startswith("examples/") else "reproducer",
                     ptext, f.read(), m, p)
        c.profile_arg = p if ptext is None else os.path.join(pdir, "profile.json")
        c.dir = pdir
        out.append(c)
    return out


def case_paths(case, workdir):
    pdir = getattr(case, "dir", None) or os.path.join(workdir, "case-%04d" % case.no)
    profile_arg = getattr(case, "profile_arg", None) or os.path.join(pdir, "profile.json")
    return profile_arg, os.path.join(pdir, "input.csv")


def run_cli(case, cli, workdir):
    profile_arg, inp = case_paths(case, workdir)
    cmd = [cli, "score", "--profile", profile_arg, "--missing", case.policy, "--format", "csv", inp]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return cmd, p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def run_case(case, cli_result, repo, workdir):
    profile_arg, inp = case_paths(case, workdir)
    cmd, c_rc, c_out, c_err = cli_result
    rcmd = ["score", "--profile", profile_arg, "--profiles-dir", os.path.join(repo, "profiles"),
            "--missing", case.policy, "--format", "csv", inp]
    out, err = io.StringIO(), io.StringIO()
    ref.EXACT_BITS[0] = 0
    r_rc = ref.run(rcmd, out, err)
    bits = ref.EXACT_BITS[0]
    r_out, r_err = out.getvalue(), err.getvalue()
    if r_rc == 3:
        verdict = "skip"
    elif c_rc == 0 and r_rc == 0:
        verdict = "pass" if c_out == r_out else "fail"
    elif c_rc == 2 and r_rc == 2:
        verdict = "pass"
    elif c_rc == 2 and r_rc == 0 and "too large to hold" in c_err and bits > 127:
        # the documented limit: an exact value that needs more than 127 bits
        # is refused, never rounded through a wider or inexact type
        verdict = "limit"
    else:
        verdict = "fail"
    return verdict, (cmd, c_rc, c_out, c_err), (rcmd, r_rc, r_out, r_err)


def failure_class(c, r):
    """A short name for how the two sides disagreed."""
    if c[1] == 0 and r[1] == 0:
        return "both scored, different results"
    if c[1] == 2 and r[1] == 0:
        if "too large to hold" in c[3]:
            return "C refused with an overflow of its 128-bit exact numbers, the reference scored"
        return "C refused, the reference scored"
    if c[1] == 0 and r[1] == 2:
        return "C scored, the reference refused"
    return "C exited with status %d, the reference with %d" % (c[1], r[1])


def report(case, c, r):
    w = sys.stdout.write
    w("\n==== MISMATCH in case %s (%s%s), --missing %s ====\n"
      % (case.no, case.kind, ", " + case.note if case.note else "", case.policy))
    if case.profile_text is not None:
        w("---- profile.json ----\n%s" % case.profile_text)
    else:
        w("---- profile: built-in %s ----\n" % case.profile_arg)
    w("---- input.csv ----\n%s" % case.input_text)
    w("---- C: %s -> exit %d ----\n%s%s" % (" ".join(c[0]), c[1], c[2], c[3]))
    w("---- reference: compliance_ref.py %s -> exit %d ----\n%s%s"
      % (" ".join(r[0]), r[1], r[2], r[3]))
    if c[1] == 0 and r[1] == 0:
        cl, rl = c[2].splitlines(), r[2].splitlines()
        for i in range(max(len(cl), len(rl))):
            a = cl[i] if i < len(cl) else "<none>"
            b = rl[i] if i < len(rl) else "<none>"
            if a != b:
                w("  row %d: C   %s\n         ref %s\n" % (i, a, b))
    w("==== end of case %s ====\n" % case.no)


def disputed_cases(rng, workdir, start):
    """Inputs outside the documented format that the library may accept."""
    cases = []
    prof = {"id": "disputed", "year": 2023, "scale": {"min": 0, "max": 100},
            "rounding": {"mode": "half-up", "decimals": Raw("2"), "stages": ["unit", "entity"]},
            "bands": [{"min": "50.00", "max": "100.00", "zone": "hijau", "label": "Hi"},
                      {"min": "0.00", "max": "49.99", "zone": "merah", "label": "Lo"}],
            "nodes": [{"id": "yn", "weight": 1, "scale": "yes-no"}]}
    for i, v in enumerate(["0.5", ".5", "0.25"]):
        no = start + i
        pdir = os.path.join(workdir, "case-%04d" % no)
        os.makedirs(pdir, exist_ok=True)
        pt = dump(prof) + "\n"
        it = "entity,entity_type,unit,indicator,value\nKota A,kota,U,yn,%s\n" % v
        open(os.path.join(pdir, "profile.json"), "w").write(pt)
        open(os.path.join(pdir, "input.csv"), "w").write(it)
        cases.append(Case(no, "disputed", pt, it, "error", "yes-no answer %s" % v))
    return cases


def observe(case, rcmd, observed):
    """Counts what the compared results exercised: entity means exactly on a
    half-up tie, rounded scores on a band's lower bound."""
    profile = ref.load_profile(rcmd[2], rcmd[4])
    entities = ref.read_input(rcmd[-1], profile)
    results = ref.score(profile, entities, case.policy)
    edges = {b.lo for b in profile.bands[:-1]}
    d = profile.decimals
    observed["rows"] += case.input_text.count("\n") - 1
    observed["entities"] += len(results)
    for res in results:
        if Fraction(res["scaled"], 10 ** d) in edges:
            observed["on a band edge"] += 1
            if res["mean"] < Fraction(res["scaled"], 10 ** d):
                observed["rounded up onto an edge"] += 1
        if is_tie(res["mean"], d):
            observed["exact entity ties"] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True, help="path of the built compliance program")
    ap.add_argument("--repo", required=True, help="the repository root")
    ap.add_argument("--cases", type=int, default=DEFAULT_CASES)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--workdir", help="where cases are written (default: a temporary "
                                      "directory, removed unless a case fails or --keep)")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--include-disputed", action="store_true")
    args = ap.parse_args()

    repo = os.path.abspath(args.repo)
    if args.workdir:
        workdir = os.path.abspath(args.workdir)
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
    else:
        workdir = tempfile.mkdtemp(prefix="compliance-differential-")
    rng = random.Random(args.seed)
    stats = {"tree unit scores on a tie": 0, "direct unit scores on a tie": 0, "entity means steered to an edge": 0, "input faults": 0,
             "profile faults": 0}
    counts = {"pass": 0, "fail": 0, "skip": 0, "limit": 0}
    outcome = {"both scored": 0, "both refused": 0}
    kinds = {}
    observed = {"rows": 0, "entities": 0, "on a band edge": 0,
                "rounded up onto an edge": 0, "exact entity ties": 0}
    failed = []
    classes = {}
    t0 = time.time()

    cases = fixed_cases(repo, workdir)
    for no in range(args.cases):
        cases.append(make_case(rng, no, workdir, repo, stats))
    if args.include_disputed:
        cases.extend(disputed_cases(rng, workdir, args.cases))

    # the CLI runs in two worker threads while this one runs the reference
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    futures = [pool.submit(run_cli, case, args.cli, workdir) for case in cases]
    for case, fut in zip(cases, futures):
        verdict, c, r = run_case(case, fut.result(), repo, workdir)
        counts[verdict] += 1
        kinds.setdefault(case.kind, 0)
        kinds[case.kind] += 1
        if verdict == "pass":
            outcome["both scored" if c[1] == 0 else "both refused"] += 1
            if c[1] == 0:
                observe(case, r[0], observed)
        if verdict == "fail":
            failed.append(case.no)
            cls = failure_class(c, r)
            classes[cls] = classes.get(cls, 0) + 1
            report(case, c, r)
            sys.stdout.write("(%s)\n" % cls)
        elif args.verbose:
            print("case %s (%s%s, %s): %s, C exit %d, reference exit %d"
                  % (case.no, case.kind, ", " + case.note if case.note else "", case.policy,
                     verdict, c[1], r[1]))

    print("\n%d cases in %.1f s (seed %d): %s" % (len(cases), time.time() - t0, args.seed,
                                                  ", ".join("%d %s" % (v, k) for k, v in
                                                            sorted(kinds.items()))))
    print("outcomes: %d scored by both and equal, %d refused by both"
          % (outcome["both scored"], outcome["both refused"]))
    print("coverage: %s" % ", ".join("%d %s" % (v, k) for k, v in stats.items()))
    print("compared: %d input rows, %d entity results; %d on a band's lower bound (%d "
          "rounded up onto it), %d entity means on an exact half-up tie"
          % (observed["rows"], observed["entities"], observed["on a band edge"],
             observed["rounded up onto an edge"], observed["exact entity ties"]))
    if failed:
        print("failed cases: %s (kept under %s)" % (" ".join(str(f) for f in failed), workdir))
        for cls, n in sorted(classes.items()):
            print("  %d: %s" % (n, cls))
    elif not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    if counts["skip"]:
        print("%d skipped (not modelled by the reference)" % counts["skip"])
    if counts["limit"]:
        print("%d refused by C with an overflow where an exact value needs more than 127 bits "
              "(the documented limit; counted as passed)" % counts["limit"])
    print("%d passed, %d failed" % (counts["pass"] + counts["limit"], counts["fail"]))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
