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


if __name__ == "__main__":
    EXT, DATA = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
