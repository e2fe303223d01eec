"""The Python binding against the published vectors (tests/data, copies of
the shared vectors), the errors, exactness, and the handles' lifetime.

Run from CTest (tests labelled "preload"):
  COMPLIANCE_LIBRARY=<build>/libcompliance.so.1 COMPLIANCE_TEST_DATA=<src>/tests/data \
  python3 -m unittest discover -s bindings/python/tests
"""
import csv
import decimal
import gc
import io
import json
import os
import sys
import unittest
from decimal import Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import compliance  # noqa: E402
from compliance import ComplianceError  # noqa: E402

DATA = os.environ.get("COMPLIANCE_TEST_DATA",
                      os.path.join(HERE, "..", "..", "..", "tests", "data"))


def table(name):
    """The rows of a vector file as dicts; the free-text last column
    ("source") may hold unquoted commas, so it takes the rest of the row."""
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    assert header[-1] == "source", name
    out = []
    for r in rows[1:]:
        if not r:
            continue
        head = r[:len(header) - 1]
        out.append(dict(zip(header, head + [",".join(r[len(header) - 1:])])))
    return out


def groups(rows, *keys):
    """Rows grouped by the values of @p keys, in file order."""
    out = {}
    for r in rows:
        out.setdefault(tuple(r[k] for k in keys), []).append(r)
    return out


class Loading(unittest.TestCase):
    def test_soname_and_version(self):
        expected = os.environ.get("COMPLIANCE_EXPECTED_SONAME")
        if expected is not None:  # set by CTest from the build
            self.assertEqual(compliance.SONAME, expected)
        lib = os.environ.get("COMPLIANCE_LIBRARY")
        if lib is not None:
            self.assertEqual(os.path.basename(lib), compliance.SONAME)
        self.assertTrue(compliance.library_version().startswith("0.2."))
        expected_version = os.environ.get("COMPLIANCE_EXPECTED_VERSION")
        if expected_version is not None:
            self.assertEqual(compliance.library_version(), expected_version)

    def test_dev_symlink_refused(self):
        with self.assertRaisesRegex(OSError, "development symlink"):
            compliance._native.find_library("/usr/lib/x86_64-linux-gnu/libcompliance.so")

    def test_incompatible_version_refused(self):
        class Fake:
            def __init__(self, number, text):
                self.number, self.text = number, text

            def compliance_version(self):
                return self.number

            def compliance_version_string(self):
                return self.text

        for number, text in ((10000, b"1.0.0"), (300, b"0.3.0"), (100, b"0.1.0")):
            with self.assertRaises(ComplianceError) as cm:
                compliance._check_version(Fake(number, text), "test")
            self.assertIn(text.decode(), cm.exception.message)
            self.assertIn("not compatible", cm.exception.message)
            self.assertIn("libcompliance.so.1", cm.exception.message)
        self.assertEqual(compliance._check_version(Fake(201, b"0.2.1"), "test"), "0.2.1")

    def test_builtins(self):
        ids = compliance.builtins()
        for pid in ("ombudsman-2015", "ombudsman-2022", "ombudsman-2025", "skm-2017"):
            self.assertIn(pid, ids)
        for pid in ids:
            with compliance.Profile(pid) as p:
                self.assertEqual(p.id, pid)


class Vectors(unittest.TestCase):
    """Every row of unit-means.csv and classifications.csv, as
    tests/unit/test_vectors.c reproduces them."""

    def test_unit_means(self):
        rows = table("unit-means.csv")
        self.assertEqual(len(rows), 35)
        checked = 0
        for (pid, entity), g in groups(rows, "profile", "entity").items():
            # once through the add API (Decimal), once through a CSV buffer
            a1 = compliance.Assessment(pid)
            a1.add_rows({"entity": r["entity"], "entity_type": r["entity_type"],
                         "unit": r["unit"], "unit_score": Decimal(r["unit_score"])}
                        for r in g)
            a2 = compliance.Assessment(compliance.Profile(pid))
            text = io.StringIO()
            w = csv.writer(text, lineterminator="\n")
            w.writerow(["entity", "entity_type", "unit", "score"])
            for r in g:
                w.writerow([r["entity"], r["entity_type"], r["unit"], r["unit_score"]])
            a2.read_csv(data=text.getvalue(), name="%s.csv" % pid)
            for a in (a1, a2):
                a.compute()
                self.assertEqual(len(a), 1)
                e = a.entity(entity)
                self.assertEqual(e.type, g[0]["entity_type"])
                self.assertEqual(len(e.units), len(g))
                self.assertEqual(e.unit_check, "in_range")
                for r in g:
                    self.assertEqual(e.score, Decimal(r["published_entity_score"]))
                    self.assertEqual(str(e.score), r["published_entity_score"])
                    self.assertEqual(e.category, r["published_category"])
                    self.assertEqual(e.zone, r["published_zone"])
                    unit = [u for u in e.units if u.name == r["unit"]]
                    self.assertEqual(len(unit), 1)
                    self.assertEqual(str(unit[0].score), r["unit_score"])
                a.close()
            checked += len(g)
        self.assertEqual(checked, 35)

    def test_exact_means(self):
        rows = table("unit-means.csv")
        cases = [
            ("ombudsman-2022", "Kabupaten Bekasi", Fraction(51117, 700), "73.02", "C"),
            ("ombudsman-2023", "Kota Tangerang Selatan", Fraction(2267, 24), "94.46", "A"),
            ("ombudsman-2024", "Kota Tangerang Selatan", Fraction(7234, 75), "96.45", "A"),
            ("ombudsman-2023", "Kota Depok", Fraction(68371, 700), "97.67", "A"),
            ("ombudsman-2025", "Pemerintah Daerah DIY", Fraction(51599, 600), "86.00", "B"),
            ("ombudsman-2025", "Provinsi Gorontalo", Fraction(4609, 60), "76.82", "C"),
        ]
        g = groups(rows, "profile", "entity")
        for pid, entity, mean, score, cat in cases:
            with compliance.Assessment(pid) as a:
                a.add_rows(g[(pid, entity)])
                e = a.compute().entity(entity)
                self.assertIsInstance(e.mean, Fraction)
                self.assertEqual(e.mean, mean)
                # independently: the mean of the published unit scores
                units = [Fraction(r["unit_score"]) for r in g[(pid, entity)]]
                self.assertEqual(sum(units) / len(units), mean)
                self.assertIsInstance(e.score, Decimal)
                self.assertEqual(e.score, Decimal(score))
                self.assertEqual(e.category, cat)

    def test_classifications(self):
        rows = table("classifications.csv")
        self.assertGreaterEqual(len(rows), 15)
        for r in rows:
            with compliance.Profile(r["profile"]) as p:
                c = p.classify(r["score"])
                self.assertEqual(str(c.score), r["score"])
                self.assertEqual(c.category, r["published_category"] or None)
                self.assertEqual(p.has_categories, r["published_category"] != "")
                self.assertEqual(c.zone, r["published_zone"])
                if r["published_label"]:
                    self.assertEqual(c.label, r["published_label"])
                self.assertEqual(p.classify(Decimal(r["score"])), c)
                # the same score as an entity's only unit
                with compliance.Assessment(p) as a:
                    a.add_unit_score(r["entity"], "kabupaten", "unit", r["score"])
                    e = a.compute().entity(r["entity"])
                    self.assertEqual(str(e.score), r["score"])
                    self.assertEqual(e.category, c.category)
                    self.assertEqual(e.zone, c.zone)
                    self.assertEqual(e.band, c.band)

    def test_discrepancies(self):
        """The library's own result where it differs from the published one."""
        rows = table("discrepancies.csv")
        cases = groups(rows, "case")
        self.assertEqual(len(cases), 3)
        for (case,), g in cases.items():
            r0 = g[0]
            rollup = None if r0["rollup"] == "default" else r0["rollup"]
            with compliance.Assessment(r0["profile"], rollup=rollup) as a:
                a.add_rows(g)
                e = a.compute().entity(r0["entity"])
                self.assertEqual(str(e.score), r0["computed_score"], case)
                self.assertEqual(e.category or "", r0["computed_category"], case)
                self.assertEqual(e.zone, r0["computed_zone"], case)
                self.assertEqual(r0["published_score"] != r0["computed_score"],
                                 "score" in r0["differs"])

    def test_rollup_2021(self):
        with compliance.Assessment("ombudsman-2021") as a:
            a.add_rows([
                {"entity": "E", "entity_type": "kota", "unit": "A", "product": "p1", "score": 90},
                {"entity": "E", "entity_type": "kota", "unit": "A", "product": "p2", "score": 80},
                {"entity": "E", "entity_type": "kota", "unit": "B", "product": "p1", "score": 50},
            ])
            self.assertEqual(a.compute().entity("E").score, Decimal("73.33"))
        with compliance.Assessment("ombudsman-2021", rollup="units") as a:
            a.add_product_score("E", "kota", "A", "p1", 90)
            a.add_product_score("E", "kota", "A", "p2", 80)
            a.add_product_score("E", "kota", "B", "p1", 50)
            self.assertEqual(a.compute().entity("E").score, Decimal("67.50"))

    def test_labels_2025(self):
        """tests/unit/test_labels.c: both label sets and the certificate."""
        with compliance.Assessment("ombudsman-2025") as a:
            a.read_csv(os.path.join(DATA, "labels-2025.csv"))
            a.compute()
            diy = a.entity("Pemerintah Daerah DIY")
            self.assertEqual(diy.score, Decimal("86.00"))
            self.assertEqual(diy.label, "Kualitas Tinggi Tanpa Maladministrasi")
            self.assertTrue(diy.qualified)
            self.assertFalse(diy.certificate)
            sets = list(diy.label_sets)
            self.assertEqual(diy.label_sets[sets[1]], "Baik")
            self.assertEqual([u.labels[sets[1]] for u in diy.units],
                             ["Sangat Baik", "Sangat Baik", "Baik", "Baik", "Baik", "Baik"])
            gor = a.entity("Provinsi Gorontalo")
            self.assertEqual(gor.score, Decimal("76.82"))
            self.assertEqual(gor.label, "Kualitas Sedang Tanpa Maladministrasi")
            uji = a.entity("Kota Uji")
            self.assertEqual(uji.score, Decimal("88.00"))  # (88.00 + 87.99) / 2 = 87.995
            self.assertEqual(uji.mean, Decimal("87.995"))
            self.assertEqual(uji.label, "Kualitas Tertinggi")
            self.assertTrue(uji.certificate)
            self.assertFalse(uji.qualified)
            low = a.entity("Kabupaten Terendah")
            self.assertIsNone(low.label_sets[sets[1]])  # not published below 32


    def test_json_input_with_deduction(self):
        """tests/unit/test_explain.c: a JSON file, a flag's deduction of 10:
        mean 25651/300 (85.503333), value 22651/300 -> 75.50, C."""
        with compliance.Assessment(compliance.Profile(
                path=os.path.join(DATA, "profiles", "deduction-2023.json"))) as a:
            a.read_json(os.path.join(DATA, "answers-deduction-2023.json"))
            a.compute()
            e = a.entity("Kota Contoh")
            # the mean getter is after the deductions (explain has both)
            self.assertEqual(e.mean, Fraction(22651, 300))
            self.assertEqual((e.score, e.category), (Decimal("75.50"), "C"))
            self.assertEqual(e.label, "Kualitas Sedang Tanpa Maladministrasi")
            doc = a.explain("Kota Contoh", as_json=True)
            self.assertEqual(doc["mean"]["exact"], "25651/300")
            self.assertEqual(doc["deduction"]["exact"], "10")
            self.assertEqual(doc["value"], {"exact": "22651/300", "decimal": "75.503333"})
            other = a.entity("Kota Tanpa Koreksi")
            self.assertEqual(other.score, Decimal("85.50"))
            with open(os.path.join(DATA, "answers-deduction-2023.json"), "rb") as f:
                data = f.read()
        with compliance.Assessment(compliance.Profile(
                path=os.path.join(DATA, "profiles", "deduction-2023.json"))) as b:
            b.read_json(data=data, name="deduction.json")
            self.assertEqual(b.compute().entity("Kota Contoh").score, Decimal("75.50"))

    def test_skm_feeds_output_ikm(self):
        """tests/unit/test_instrument.c and tests/cli/instrument_test.sh: the
        2023 instrument with the user's weights, its Output IKM from the SKM
        example: unit 80.451594 -> 80.45; listwise 85.56 enters instead."""
        profile = compliance.Profile(path=os.path.join(DATA, "profiles",
                                                       "instrument-2023-weights.json"))
        for missing, ikm in (("available", "84.54"), ("listwise", "85.56")):
            with compliance.Skm("skm-2017", missing=missing) as s, \
                    compliance.Assessment(profile) as a:
                s.read_csv(os.path.join(DATA, "skm-example.csv"))
                self.assertEqual(s.compute().ikm, Decimal(ikm))
                a.read_csv(os.path.join(DATA, "answers-instrument-2023.csv"))
                a.add_skm("Kota Contoh", "kota", "Disdukcapil", "output.ikm", s)
                with self.assertRaises(ComplianceError) as cm:
                    a.add_skm("Kota Contoh", "kota", "Disdukcapil", "output.ikm", s)
                self.assertEqual(cm.exception.name, "COMPLIANCE_E_DUPLICATE")
                e = a.compute().entity("Kota Contoh")
                text = a.explain("Kota Contoh")
                self.assertIn("output.ikm: weight 50 [S] given, value %s" % ikm, text)
                if missing == "available":
                    self.assertEqual(e.units[0].exact, Decimal("80.451594"))
                    self.assertEqual(e.units[0].score, Decimal("80.45"))
                    self.assertIn("U4 Biaya/Tarif: NRR 3.600 (exact 3.6) over 5 answers", text)
                    doc = a.explain("Kota Contoh", as_json=True)
                    skm = [n["skm"] for n in doc["units"][0]["nodes"] if "skm" in n]
                    self.assertEqual(skm[0]["ikm"], "84.54")
                    self.assertEqual(skm[0]["ikm_exact"], "4565/54")
        profile.close()


class Pekppp(unittest.TestCase):
    """tests/cli/method_test.sh: pekppp-2022 has no bands; a user profile
    that extends it scores 94.75 (T2) and advises sdm to 5 -> 100.00."""

    def test_no_bands(self):
        with compliance.Assessment("pekppp-2022") as a:
            a.read_json(os.path.join(DATA, "answers-pekppp.json"))
            with self.assertRaises(ComplianceError) as cm:
                a.compute()
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_MISSING")
            self.assertIn("profile pekppp-2022 has no bands", cm.exception.message)

    def test_user_bands(self):
        p = compliance.Profile(path=os.path.join(DATA, "profiles", "pekppp-test-bands.json"))
        with compliance.Assessment(p) as a:
            a.read_json(os.path.join(DATA, "answers-pekppp.json"))
            e = a.compute().entity("Kota Uji")
            self.assertEqual((e.score, e.category, e.zone, e.label),
                             (Decimal("94.75"), "T2", "merah", "test band low"))
            doc = a.advise("Kota Uji", as_json=True)
            step = doc["steps"][0]
            self.assertEqual(step["indicator"], "sdm")
            # the least effort (0.2 advice): one step, 3.95 -> 4 on the 0..5
            # scale, share 0.79 -> 0.80, +0.25 points: 94.75 -> 95.00, T1
            self.assertEqual((step["from"], step["raise_to"]), ("3.95", "4"))
            self.assertEqual(step["score_after"], "95.00")
            self.assertEqual(doc["effort"], 1)
            self.assertTrue(doc["reachable"])
            self.assertIn("raise sdm (Profesionalisme SDM) from 3.95 to 4 (1 step): +0.2500 points",
                          a.advise("Kota Uji"))


class Reports(unittest.TestCase):
    def setUp(self):
        self.a = compliance.Assessment("ombudsman-2022")
        self.a.add_rows(r for r in table("unit-means.csv")
                        if r["profile"] == "ombudsman-2022")
        self.a.compute()

    def tearDown(self):
        self.a.close()

    def test_explain(self):
        doc = self.a.explain("Kabupaten Bekasi", as_json=True)
        self.assertEqual(doc["entity"], "Kabupaten Bekasi")
        self.assertEqual(doc["score"], "73.02")
        self.assertEqual(doc["mean"]["exact"], "51117/700")
        self.assertEqual(doc["band"]["category"], "C")
        self.assertEqual(doc["count"], 7)
        text = self.a.explain("Kabupaten Bekasi")
        self.assertIn("73.02", text)
        self.assertIn("Kabupaten Bekasi", text)

    def test_advise(self):
        doc = self.a.advise("Kabupaten Bekasi", as_json=True)
        self.assertEqual(doc["score"], "73.02")
        self.assertEqual(doc["band"], "C")
        self.assertEqual(doc["target"]["band"], "B")
        self.assertEqual(Decimal(doc["target"]["gap"]),
                         Decimal(doc["target"]["lower"]) - Decimal("73.02"))
        self.assertIsInstance(self.a.advise(0), str)

    def test_write(self):
        doc = json.loads(self.a.write("json"))
        self.assertEqual(doc[0]["entity"], "Kabupaten Bekasi")
        self.assertEqual(doc[0]["score"], "73.02")
        self.assertTrue(self.a.write("csv").startswith("entity,entity_type,units,score"))
        with self.assertRaises(ValueError):
            self.a.write("xml")

    def test_to_dataframe(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            with self.assertRaisesRegex(ImportError, "needs pandas"):
                self.a.to_dataframe()
        else:
            df = self.a.to_dataframe()
            self.assertEqual(list(df["score"]), [Decimal("73.02")])


class Exactness(unittest.TestCase):
    def test_band_edges(self):
        p = compliance.Profile("ombudsman-2023")
        cases = [("87.994", "87.99", "B"), ("87.995", "88.00", "A"),
                 ("87.99499999999999999999", "87.99", "B"),
                 (Decimal("87.995"), "88.00", "A"), (Decimal("8.7995E+1"), "88.00", "A"),
                 (88, "88.00", "A"), ("77.995", "78.00", "B"), ("77.9949", "77.99", "C"),
                 ("0", "0.00", "E"), (100, "100.00", "A")]
        for score, rounded, cat in cases:
            c = p.classify(score)
            self.assertEqual(str(c.score), rounded, score)
            self.assertIsInstance(c.score, Decimal)
            self.assertEqual(c.category, cat, score)

    def test_every_band_edge(self):
        """Each lower bound L of every built-in band table: L and L - half a
        unit of the last decimal (rounds half-up to L) are in the band; a
        hair (1e-20) below that is not. Binary floats could not tell them apart."""
        checked = 0
        for pid in compliance.builtins():
            with compliance.Profile(pid) as p:
                if p.kind != "assessment" or not p.bands:
                    continue
                half = Decimal(5).scaleb(-(p.decimals + 1))
                for i, band in enumerate(p.bands):
                    low = band.lower
                    if low <= p.scale[0]:
                        continue
                    self.assertEqual(p.classify(low).band, i, (pid, low))
                    self.assertEqual(p.classify(low - half).band, i, (pid, low - half))
                    self.assertEqual(p.classify(low - half).score, low)
                    below = low - half - Decimal("1e-20")
                    self.assertNotEqual(p.classify(below).band, i, (pid, below))
                    self.assertLess(p.classify(below).score, low)
                    checked += 1
        self.assertGreater(checked, 30)

    def test_float_refused(self):
        p = compliance.Profile("ombudsman-2023")
        with self.assertRaisesRegex(TypeError, "float"):
            p.classify(87.995)
        with self.assertRaises(TypeError):
            p.classify(True)
        with compliance.Assessment(p) as a:
            with self.assertRaisesRegex(TypeError, "float"):
                a.add_unit_score("E", "kota", "U", 87.995)
            with self.assertRaisesRegex(TypeError, "float"):
                a.add_rows([{"entity": "E", "entity_type": "kota", "unit": "U",
                             "unit_score": 90.5}])
            self.assertEqual(len(a), 0)  # nothing was added
        with compliance.Skm() as s:
            with self.assertRaises(TypeError):
                s.add([4.0] * 9)

    def test_decimal_context_independent(self):
        with decimal.localcontext() as ctx:
            ctx.prec = 3  # results are built from text, never rounded by the context
            e = compliance.Assessment("ombudsman-2022")
            e.add_unit_score("E", "kota", "U1", "82.70")
            e.add_unit_score("E", "kota", "U2", "62.62")
            e.add_unit_score("E", "kota", "U3", "66.29")
            r = e.compute().entity("E")
            self.assertEqual(r.score, Decimal("70.54"))
            self.assertEqual(r.mean, Fraction(21161, 300))  # 211.61 / 3, exactly
            self.assertEqual(r.units[0].exact, Decimal("82.70"))


class Errors(unittest.TestCase):
    def test_unknown_profile(self):
        with self.assertRaises(ComplianceError) as cm:
            compliance.Profile("ombudsman-1999")
        e = cm.exception
        self.assertEqual(e.name, "COMPLIANCE_E_NOTFOUND")
        self.assertEqual(e.code, -3)
        self.assertIn("unknown profile 'ombudsman-1999'", e.message)
        self.assertIn("ombudsman-2024", e.message)  # the known ones are listed

    def test_bad_profile_file(self):
        path = os.path.join(DATA, "profiles", "bad-syntax.json")
        with self.assertRaises(ComplianceError) as cm:
            compliance.Profile(path=path)
        e = cm.exception
        self.assertEqual(e.name, "COMPLIANCE_E_PROFILE")
        self.assertEqual(e.code, -11)
        self.assertIn(path + ":5:9:", e.message)
        self.assertTrue(e.diagnostics and e.diagnostics[0].startswith(path + ":5:9:"))
        with self.assertRaises(ComplianceError) as cm:
            compliance.Profile(data=b"{", name="mine.json")
        self.assertIn("mine.json:", cm.exception.message)

    def test_bad_csv(self):
        with compliance.Assessment("ombudsman-2022") as a:
            path = os.path.join(DATA, "bad", "csv-negative.csv")
            with self.assertRaises(ComplianceError) as cm:
                a.read_csv(path)
            e = cm.exception
            self.assertEqual((e.name, e.code), ("COMPLIANCE_E_RANGE", -5))
            self.assertIn(path + ":2:", e.message)
            self.assertIn("outside the scale of ombudsman-2022", e.message)
            with self.assertRaises(ComplianceError) as cm:
                a.read_csv(data="entity,entity_type,unit,score\nA,kota,U,90\nB,kota,U,8.27e1\n",
                           name="in.csv")
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_PARSE")
            self.assertIn("in.csv:3:", cm.exception.message)
            self.assertIn("exponent", cm.exception.message)
            self.assertEqual(len(a), 0)  # all or nothing: row 2 was not kept
            with self.assertRaises(ComplianceError) as cm:
                a.add_rows([{"entity": "A", "entity_type": "kota", "unit": "U", "score": "90"},
                            {"entity": "A", "entity_type": "kota", "unit": "U", "score": "91"}])
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_DUPLICATE")
            self.assertTrue(cm.exception.message.startswith("row 2: "))
            with self.assertRaises(ComplianceError) as cm:
                a.read_csv(os.path.join(DATA, "no-such-file.csv"))
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_IO")

    def test_bad_numbers(self):
        p = compliance.Profile("ombudsman-2022")
        for score, name in (("abc", "COMPLIANCE_E_PARSE"), ("100.01", "COMPLIANCE_E_RANGE"),
                            ("-1", "COMPLIANCE_E_RANGE"), ("8,5", "COMPLIANCE_E_PARSE"),
                            (Decimal("NaN"), "COMPLIANCE_E_PARSE")):
            with self.assertRaises(ComplianceError) as cm:
                p.classify(score)
            self.assertEqual(cm.exception.name, name, score)
        with self.assertRaises(ComplianceError) as cm:
            compliance.Profile("pekppp-2022").classify("80")
        self.assertEqual(cm.exception.name, "COMPLIANCE_E_MISSING")

    def test_nul_refused(self):
        p = compliance.Profile("ombudsman-2022")
        with self.assertRaisesRegex(ValueError, "NUL"):
            p.classify("87\x00.5")  # would reach C as "87"
        with compliance.Assessment(p) as a:
            with self.assertRaisesRegex(ValueError, "NUL"):
                a.add_unit_score("E\x00x", "kota", "U", "80")
            # in a buffer the NUL reaches the library, which names the line
            with self.assertRaises(ComplianceError) as cm:
                a.read_csv(data=b"entity,entity_type,unit,score\nA,kota,U,8\x000\n",
                           name="nul.csv")
            self.assertIn("nul.csv:2", cm.exception.message)

    def test_yes_no_inputs(self):
        """labels-2025.csv through add_rows, with the qualifier as a bool."""
        rows = []
        with open(os.path.join(DATA, "labels-2025.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["unit"] == "@entity":
                    r["value"] = r["value"] == "ya"
                rows.append(r)
        with compliance.Assessment("ombudsman-2025") as a:
            self.assertEqual(a.add_rows(rows), len(rows))
            diy = a.compute().entity("Pemerintah Daerah DIY")
            self.assertEqual(diy.label, "Kualitas Tinggi Tanpa Maladministrasi")
            self.assertTrue(diy.qualified)
            self.assertFalse(a.entity("Kabupaten Rendah").qualified)

    def test_wrong_kind_of_profile(self):
        with self.assertRaises(ComplianceError) as cm:
            compliance.Assessment("skm-2017")
        self.assertEqual(cm.exception.name, "COMPLIANCE_E_INVALID")
        self.assertIn("SKM", cm.exception.message)
        with self.assertRaises(TypeError):
            compliance.Assessment(2023)
        with self.assertRaises(ValueError):
            compliance.Assessment("ombudsman-2022", rollup="median")

    def test_not_computed(self):
        with compliance.Assessment("ombudsman-2022") as a:
            a.add_unit_score("E", "kota", "U", "80")
            with self.assertRaises(ComplianceError) as cm:
                a.entity("E")
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_STATE")
            a.compute()
            with self.assertRaises(ComplianceError) as cm:
                a.entity("nobody")
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_NOTFOUND")


class Handles(unittest.TestCase):
    def test_close_and_with(self):
        p = compliance.Profile("ombudsman-2024")
        a = compliance.Assessment(p)
        p.close()  # the assessment keeps its own reference
        p.close()  # twice is harmless
        self.assertTrue(p.closed)
        with self.assertRaises(ComplianceError) as cm:
            p.classify("90")
        self.assertEqual(cm.exception.name, "COMPLIANCE_E_STATE")
        with a:
            a.add_unit_score("E", "kota", "U", "96.45")
            self.assertEqual(a.compute().entity("E").category, "A")
        self.assertTrue(a.closed)
        for call in (lambda: a.compute(), lambda: len(a), lambda: a.explain(0)):
            with self.assertRaises(ComplianceError):
                call()

    def test_finalizer(self):
        """Objects dropped without close() are released by the collector."""
        gc.collect()
        before = dict(compliance._released)
        p = compliance.Profile("ombudsman-2023")
        a = compliance.Assessment(p)
        s = compliance.Skm("skm-2017")
        fins = [p._finalizer, a._finalizer, s._finalizer]
        self.assertTrue(all(f.alive for f in fins))
        del p, a, s
        gc.collect()
        self.assertFalse(any(f.alive for f in fins))
        # profiles: p, and the one Skm("skm-2017") opened and closed itself
        for name, n in (("compliance_profile_free", 2), ("compliance_assessment_free", 1),
                        ("compliance_skm_free", 1)):
            self.assertEqual(compliance._released[name], before.get(name, 0) + n, name)
        # close() then collection: released once, not twice
        q = compliance.Profile("ombudsman-2023")
        n = compliance._released["compliance_profile_free"]
        q.close()
        del q
        gc.collect()
        self.assertEqual(compliance._released["compliance_profile_free"], n + 1)

    def test_shared_profile_threads(self):
        """A Profile shared by threads (each call makes its own ctx; ctypes
        releases the GIL during the call); each thread has its own Assessment."""
        import threading
        p = compliance.Profile("ombudsman-2023")
        rows = table("classifications.csv")
        errors = []

        def work():
            try:
                for _ in range(50):
                    for r in rows:
                        if r["profile"] == "ombudsman-2023":
                            self.assertEqual(p.classify(r["score"]).category,
                                             r["published_category"])
                with compliance.Assessment(p) as a:
                    a.add_unit_score("E", "kota", "U", "94.46")
                    self.assertEqual(a.compute().entity("E").category, "A")
            except Exception as err:  # reported below, in the main thread
                errors.append(err)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        self.assertEqual(errors, [])
        p.close()

    def test_many_objects(self):
        for _ in range(200):
            with compliance.Assessment("ombudsman-2022") as a:
                a.add_unit_score("E", "kota", "U", "83.18")
                self.assertEqual(a.compute().entity(0).category, "B")


class Skm(unittest.TestCase):
    """tests/unit/test_skm.c: the published example and the half-up tie."""

    def expect(self, r, ikm, exact, category="B", label="Baik"):
        self.assertEqual(r.ikm, Decimal(ikm))
        self.assertEqual(str(r.ikm), ikm)
        self.assertEqual(r.ikm_exact, Fraction(exact) if "/" in exact else Decimal(exact))
        self.assertEqual(r.category, category)
        self.assertEqual(r.label, label)

    def test_example_file(self):
        path = os.path.join(DATA, "skm-example.csv")
        with compliance.Skm("skm-2017") as s:
            s.read_csv(path)
            r = s.compute()
            self.expect(r, "84.54", "4565/54")
            self.assertEqual(r.missing, "available")
            self.assertEqual(r.counts["respondents"], 6)
            self.assertEqual(r.counts["complete"], 5)
            self.assertEqual([e.code for e in r.elements], ["U%d" % i for i in range(1, 10)])
            self.assertEqual(r.elements[3].answers, 5)       # U4: one blank
            self.assertEqual(r.elements[3].nrr_exact, Decimal("3.6"))
            self.assertEqual(r.elements[0].nrr_exact, Fraction(10, 3))
            self.assertEqual(r.elements[0].nrr, Decimal("3.333"))
            # independently: 25/9 x the sum of the exact NRRs
            self.assertEqual(Fraction(25, 9) * sum(Fraction(e.nrr_exact) for e in r.elements),
                             Fraction(4565, 54))
        with compliance.Skm("skm-2017", missing="listwise") as s:
            s.read_csv(path)
            r = s.compute()
            self.expect(r, "85.56", "770/9")
            self.assertEqual(r.counts["dropped"], 1)

    def test_example_rows(self):
        with open(os.path.join(DATA, "skm-example.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        with compliance.Skm() as s:
            s.add_many({k: (int(v) if v else None) if k != "respondent" else v
                        for k, v in r.items()} for r in rows)
            self.expect(s.compute(), "84.54", "4565/54")
        with compliance.Skm(missing="listwise") as s:
            for r in rows:
                s.add([int(r["U%d" % i]) if r["U%d" % i] else None for i in range(1, 10)],
                      id=r["respondent"])
            self.expect(s.compute(), "85.56", "770/9")
            self.assertIn('"ikm": "85.56"', s.write("json"))

    def test_tie(self):
        path = os.path.join(DATA, "skm-tie.csv")
        with compliance.Skm() as s:
            s.read_csv(path)
            self.expect(s.compute(), "78.13", "78.125")
        with compliance.Skm(missing="listwise") as s:
            s.read_csv(path)
            self.expect(s.compute(), "77.78", "700/9")

    def test_skm_2004_bogor(self):
        """tests/cli/method_test.sh (METHODOLOGY.md §4): the Kab. Bogor 2011
        survey, 500 respondents, 14 elements: skm-2004 (exact 1/14) gives
        75.12; skm-2004-w0071 (weights 0.071) the published 74.67."""
        rows = [[4 if r < (7 if i == 14 else 2) else 3 for i in range(1, 15)]
                for r in range(500)]
        with compliance.Skm("skm-2004") as s:
            s.add_many(rows)
            r = s.compute()
            self.assertEqual((r.ikm, r.ikm_exact), (Decimal("75.12"), Fraction(21033, 280)))
            self.assertEqual(len(r.elements), 14)
        with compliance.Skm("skm-2004-w0071") as s:
            s.add_many(rows)
            self.assertEqual(s.compute().ikm, Decimal("74.67"))
        with compliance.Skm("skm-2017") as s:
            with self.assertRaises(ComplianceError) as cm:
                s.add(rows[0])  # 14 answers, 9 elements
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_INVALID")

    def test_errors(self):
        with compliance.Skm() as s:
            with self.assertRaises(ComplianceError) as cm:
                s.add([4, 4, 4, 5, 4, 4, 4, 4, 4])
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_RANGE")
            with self.assertRaises(ComplianceError) as cm:
                s.add([4, 4, 4])
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_INVALID")
            s.add([4] * 9, id="r1")
            with self.assertRaises(ComplianceError) as cm:
                s.add([3] * 9, id="r1")
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_DUPLICATE")
            path = os.path.join(DATA, "bad", "skm-answer-5.csv")
            with self.assertRaises(ComplianceError) as cm:
                s.read_csv(path)
            self.assertEqual(cm.exception.name, "COMPLIANCE_E_RANGE")
            self.assertIn(path + ":", cm.exception.message)
            self.assertIn("expected an answer from 1 to 4, found '5'", cm.exception.message)
            self.expect(s.compute(), "100.00", "100", "A", "Sangat Baik")
        with self.assertRaises(ComplianceError):
            compliance.Skm("ombudsman-2023")  # not an SKM profile


if __name__ == "__main__":
    unittest.main()
