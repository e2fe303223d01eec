#!/usr/bin/env python3
"""The SQLite extension from Python's sqlite3 module (enable_load_extension):
every published vector of tests/data through SQL, and the errors.

usage: test_sqlite.py EXTENSION DATA_DIR
"""
import csv
import json
import os
import sqlite3
import sys
import unittest
from fractions import Fraction

EXT = DATA = None


def table(name):
    """Rows as dicts; the last column ("source") may hold unquoted commas."""
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    return [dict(zip(header, r[:len(header) - 1] + [",".join(r[len(header) - 1:])]))
            for r in rows[1:] if r]


def connect():
    conn = sqlite3.connect(":memory:")
    if not hasattr(conn, "enable_load_extension"):
        raise RuntimeError("this Python's sqlite3 cannot load extensions (built without "
                           "enable_load_extension): run the test with Debian's python3")
    conn.enable_load_extension(True)
    conn.load_extension(EXT)
    conn.enable_load_extension(False)
    return conn


class Extension(unittest.TestCase):
    def setUp(self):
        self.db = connect()

    def tearDown(self):
        self.db.close()

    def one(self, sql, *args):
        return self.db.execute(sql, args).fetchone()

    def test_classifications(self):
        rows = table("classifications.csv")
        self.assertGreaterEqual(len(rows), 15)
        for r in rows:
            cat, zone, label, rounded, j = self.one(
                "SELECT compliance_classify(?1, ?2), compliance_zone(?1, ?2), "
                "compliance_label(?1, ?2), compliance_round(?1, ?2), "
                "compliance_classify_json(?1, ?2)", r["profile"], r["score"])
            self.assertEqual(cat, r["published_category"] or None, r)
            self.assertEqual(zone, r["published_zone"], r)
            if r["published_label"]:
                self.assertEqual(label, r["published_label"], r)
            self.assertEqual(rounded, r["score"])
            self.assertEqual(json.loads(j), {"score": r["score"], "category": cat,
                                             "zone": zone, "label": label})

    def test_unit_means(self):
        rows = table("unit-means.csv")
        self.assertEqual(len(rows), 35)
        self.db.execute("CREATE TABLE u(profile TEXT, entity TEXT, entity_type TEXT, "
                        "unit TEXT, unit_score TEXT)")
        self.db.executemany("INSERT INTO u VALUES (?, ?, ?, ?, ?)",
                            [(r["profile"], r["entity"], r["entity_type"], r["unit"],
                              r["unit_score"]) for r in rows])
        got = {(p, e): (s, json.loads(j), n) for p, e, s, j, n in self.db.execute(
            "SELECT profile, entity, compliance_entity(profile, unit_score, entity_type), "
            "compliance_entity_json(profile, unit_score), count(*) "
            "FROM u GROUP BY profile, entity")}
        self.assertEqual(len(got), 6)
        for r in rows:
            s, j, n = got[(r["profile"], r["entity"])]
            self.assertEqual(s, r["published_entity_score"])
            self.assertEqual(j["score"], r["published_entity_score"])
            self.assertEqual(j["category"], r["published_category"])
            self.assertEqual(j["zone"], r["published_zone"])
            self.assertEqual(j["units"], n)
            # the exact mean, checked independently
            units = [Fraction(x["unit_score"]) for x in rows
                     if (x["profile"], x["entity"]) == (r["profile"], r["entity"])]
            self.assertEqual(Fraction(j["mean"]), sum(units) / len(units))

    def test_discrepancies(self):
        rows = table("discrepancies.csv")
        cases, checked = {}, 0
        for r in rows:
            cases.setdefault(r["case"], []).append(r)
        for case, g in cases.items():
            if g[0]["rollup"] != "default":
                continue  # the aggregate takes the profile's roll-up
            self.db.execute("DROP TABLE IF EXISTS d")
            self.db.execute("CREATE TABLE d(p TEXT, s TEXT)")
            self.db.executemany("INSERT INTO d VALUES (?, ?)",
                                [(r["profile"], r["unit_score"]) for r in g])
            j = json.loads(self.one("SELECT compliance_entity_json(p, s) FROM d")[0])
            self.assertEqual(j["score"], g[0]["computed_score"], case)
            self.assertEqual(j["zone"], g[0]["computed_zone"], case)
            checked += 1
        self.assertGreaterEqual(checked, 1)

    def test_skm(self):
        for name, available, listwise, exact in (("skm-example.csv", "84.54", "85.56", "4565/54"),
                                                 ("skm-tie.csv", "78.13", "77.78", "78.125")):
            with open(os.path.join(DATA, name), newline="") as f:
                rows = list(csv.DictReader(f))
            self.db.execute("DROP TABLE IF EXISTS r")
            self.db.execute("CREATE TABLE r(id TEXT, %s)"
                            % ", ".join("U%d INTEGER" % i for i in range(1, 10)))
            self.db.executemany("INSERT INTO r VALUES (%s)" % ", ".join("?" * 10),
                                [[r["respondent"]] + [int(r["U%d" % i]) if r["U%d" % i] else None
                                                      for i in range(1, 10)] for r in rows])
            cols = ", ".join("U%d" % i for i in range(1, 10))
            self.assertEqual(self.one("SELECT compliance_skm('skm-2017', %s) FROM r" % cols)[0],
                             available, name)
            j = json.loads(self.one("SELECT compliance_skm_json('skm-2017', %s) FROM r"
                                    % cols)[0])
            self.assertEqual((j["ikm"], j["ikm_exact"], j["category"], j["label"]),
                             (available, exact, "B", "Baik"))
            self.assertEqual(j["respondents_read"], len(rows))
            # listwise deletion is a WHERE
            where = " AND ".join("U%d IS NOT NULL" % i for i in range(1, 10))
            self.assertEqual(self.one("SELECT compliance_skm('skm-2017', %s) FROM r WHERE %s"
                                      % (cols, where))[0], listwise, name)
            # the answers as one text
            text = " || ',' || ".join("coalesce(U%d, '')" % i for i in range(1, 10))
            self.assertEqual(self.one("SELECT compliance_skm('skm-2017', %s) FROM r" % text)[0],
                             available, name)

    def test_numbers(self):
        self.assertEqual(self.one("SELECT compliance_round('ombudsman-2023', ?)", "87.995")[0],
                         "88.00")
        self.assertEqual(self.one("SELECT compliance_classify('ombudsman-2023', ?)", 88)[0], "A")
        self.assertEqual(self.one("SELECT compliance_classify('ombudsman-2023', ?)",
                                  "87.994999999999999999999")[0], "B")
        self.assertIsNone(self.one("SELECT compliance_classify('ombudsman-2023', NULL)")[0])
        with self.assertRaisesRegex(sqlite3.OperationalError,
                                    r"compliance_classify\(\): the score is a REAL .* pass it "
                                    "as TEXT"):
            self.one("SELECT compliance_classify('ombudsman-2023', ?)", 87.995)
        with self.assertRaisesRegex(sqlite3.OperationalError, "REAL"):
            self.one("SELECT compliance_entity('ombudsman-2023', ?)", 87.995)

    def test_errors(self):
        for sql, fragment in (
                ("SELECT compliance_classify('ombudsman-1999', '80')",
                 "COMPLIANCE_E_NOTFOUND: unknown profile 'ombudsman-1999'"),
                ("SELECT compliance_zone('ombudsman-2022', '-0.01')",
                 "COMPLIANCE_E_RANGE: score '-0.01' is outside the scale of ombudsman-2022"),
                ("SELECT compliance_classify('ombudsman-2022', '8.27e1')", "COMPLIANCE_E_PARSE"),
                ("SELECT compliance_skm('skm-2017', 4, 4, 4, 4, 0, 4, 4, 4, 9)",
                 "COMPLIANCE_E_RANGE"),
                ("SELECT compliance_skm('skm-2017', '4,4,x')", "COMPLIANCE_E_PARSE"),
                ("SELECT compliance_entity('ombudsman-2022', 'abc')", "COMPLIANCE_E_PARSE")):
            with self.assertRaises(sqlite3.OperationalError, msg=sql) as cm:
                self.one(sql)
            self.assertIn(fragment, str(cm.exception))

    def test_version(self):
        self.assertTrue(self.one("SELECT compliance_version()")[0].startswith("0.2."))

# A user profile kept in a table: a copy of a built-in (extends, nothing
# changed) and one that moves the 2023 A/B edge from 88.00 down to 87.00.
def copy_of(builtin):
    return json.dumps({"id": "copy-of-" + builtin, "extends": builtin})


def bands_2023(a_min):
    """ombudsman-2023's bands (METHODOLOGY.md §2) with A from a_min."""
    b_max = format_2(Fraction(a_min) - Fraction(1, 100))
    return [{"category": "A", "min": a_min, "max": "100.00", "zone": "hijau",
             "label": "Kualitas Tertinggi"},
            {"category": "B", "min": "78.00", "max": b_max, "zone": "hijau",
             "label": "Kualitas Tinggi"},
            {"category": "C", "min": "54.00", "max": "77.99", "zone": "kuning",
             "label": "Kualitas Sedang"},
            {"category": "D", "min": "32.00", "max": "53.99", "zone": "merah",
             "label": "Kualitas Rendah"},
            {"category": "E", "min": "0.00", "max": "31.99", "zone": "merah",
             "label": "Kualitas Terendah"}]


def format_2(x):
    """An exact two-decimal text of a Fraction with a denominator dividing 100."""
    n = x * 100
    assert n.denominator == 1
    return "%d.%02d" % divmod(int(n), 100)


EDGE_87 = json.dumps({"id": "edge-87", "extends": "ombudsman-2023", "bands": bands_2023("87.00")})


class UserProfiles(unittest.TestCase):
    """The profile argument as a JSON document (compliance_profile_load_buffer)."""

    def setUp(self):
        self.db = connect()
        self.db.execute("CREATE TABLE profiles(name TEXT PRIMARY KEY, doc TEXT)")

    def tearDown(self):
        self.db.close()

    def one(self, sql, *args):
        return self.db.execute(sql, args).fetchone()

    def test_copy_gives_the_builtins_results(self):
        rows = table("unit-means.csv")
        self.db.executemany("INSERT INTO profiles VALUES (?, ?)",
                            [(b, copy_of(b)) for b in sorted({r["profile"] for r in rows})])
        self.db.execute("CREATE TABLE u(profile TEXT, entity TEXT, entity_type TEXT, "
                        "unit_score TEXT)")
        self.db.executemany("INSERT INTO u VALUES (?, ?, ?, ?)",
                            [(r["profile"], r["entity"], r["entity_type"], r["unit_score"])
                             for r in rows])
        got = {(b, e): (s, json.loads(j)) for b, e, s, j in self.db.execute(
            "SELECT u.profile, entity, compliance_entity(p.doc, unit_score, entity_type), "
            "compliance_entity_json(p.doc, unit_score) "
            "FROM u JOIN profiles p ON p.name = u.profile GROUP BY u.profile, entity")}
        self.assertEqual(len(got), 6)
        for r in rows:
            s, j = got[(r["profile"], r["entity"])]
            self.assertEqual(s, r["published_entity_score"], r)
            self.assertEqual((j["category"], j["zone"]),
                             (r["published_category"] or None, r["published_zone"]), r)
        for r in table("classifications.csv"):
            if r["profile"] not in {x["profile"] for x in rows}:
                continue
            self.assertEqual(self.one("SELECT compliance_classify(doc, ?) FROM profiles "
                                      "WHERE name = ?", r["score"], r["profile"])[0],
                             r["published_category"] or None, r)

    def test_band_edge(self):
        self.db.execute("INSERT INTO profiles VALUES ('edge', ?)", (EDGE_87,))
        for score, builtin, edge in (("87.00", "B", "A"), ("86.995", "B", "A"),
                                     ("86.99", "B", "B"), ("88.00", "A", "A"),
                                     ("86.994999", "B", "B")):
            got = self.one("SELECT compliance_classify('ombudsman-2023', ?1), "
                           "compliance_classify(doc, ?1), compliance_round(doc, ?1) "
                           "FROM profiles WHERE name = 'edge'", score)
            self.assertEqual(got[:2], (builtin, edge), score)
        # an entity whose mean is exactly the edge: (86.00 + 88.00) / 2 = 87.00
        self.db.execute("CREATE TABLE u(unit_score TEXT)")
        self.db.executemany("INSERT INTO u VALUES (?)", [("86.00",), ("88.00",)])
        self.assertEqual(json.loads(self.one(
            "SELECT compliance_entity_json((SELECT doc FROM profiles), unit_score) FROM u")[0])
            ["category"], "A")
        self.assertEqual(json.loads(self.one(
            "SELECT compliance_entity_json('ombudsman-2023', unit_score) FROM u")[0])
            ["category"], "B")

    def test_bad_document(self):
        for doc, fragment in (('{"id": "x"', "COMPLIANCE_E_PROFILE"),
                              ('{"id": "x", "extends": "ombudsman-1999"}',
                               "ombudsman-1999"),
                              ('{"id": "x", "extends": "ombudsman-2023", "bands": []}',
                               "COMPLIANCE_E_PROFILE")):
            for sql in ("SELECT compliance_classify(?, '80')",
                        "SELECT compliance_entity(?, '80')"):
                with self.assertRaises(sqlite3.OperationalError, msg=doc) as cm:
                    self.one(sql, doc)
                self.assertIn(fragment, str(cm.exception), doc)
                self.assertIn("profile argument", str(cm.exception), doc)

    def test_more_documents_than_the_cache(self):
        # 12 documents (the cache keeps 8), each moving the A edge, in turn
        # and again: every answer from its own document
        docs = [json.dumps({"id": "edge-%d" % k, "extends": "ombudsman-2023",
                            "bands": bands_2023("%d.00" % (80 + k // 2) if k % 2 == 0
                                                else "%d.50" % (80 + k // 2))})
                for k in range(12)]
        edges = [Fraction(80 + k // 2) + (Fraction(1, 2) if k % 2 else 0) for k in range(12)]
        self.db.executemany("INSERT INTO profiles VALUES (?, ?)",
                            [("e%02d" % k, d) for k, d in enumerate(docs)])
        for _ in range(2):
            for score in ("80.00", "82.50", "85.49", "85.50"):
                got = dict(self.db.execute(
                    "SELECT name, compliance_classify(doc, ?) FROM profiles", (score,)))
                for k in range(12):
                    self.assertEqual(got["e%02d" % k],
                                     "A" if Fraction(score) >= edges[k] else "B", (k, score))
        # one group per row, many groups: the aggregate over a table of rows
        self.db.execute("CREATE TABLE u(g INTEGER, name TEXT, unit_score TEXT)")
        self.db.executemany("INSERT INTO u VALUES (?, ?, ?)",
                            [(i, "e%02d" % (i % 12), "84.00") for i in range(3000)])
        for g, name, cat in self.db.execute(
                "SELECT g, u.name, json_extract(compliance_entity_json(doc, unit_score), "
                "'$.category') FROM u JOIN profiles p ON p.name = u.name GROUP BY g"):
            k = int(name[1:])
            self.assertEqual(cat, "A" if 84 >= edges[k] else "B", (g, name))



if __name__ == "__main__":
    EXT, DATA = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
