#!/usr/bin/env python3
"""Converts an answers CSV (entity,entity_type,unit,indicator,value, as
bench/gen.py writes it) to the JSON input form of docs/input-format.md, so
that the same data can be timed as CSV and as JSON.

    csv2json.py IN.csv OUT.json

Answers written as plain decimals become JSON numbers with the same text;
entity-level inputs (unit "@entity") go to "inputs"."""

import csv
import json
import re
import sys

NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")


def main(src, dst):
    ents = {}
    with open(src, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for name, etype, unit, ind, value in rows:
            e = ents.setdefault(name, {"entity": name, "entity_type": etype, "inputs": {},
                                       "units": {}})
            if unit == "@entity":
                e["inputs"][ind] = value
            else:
                e["units"].setdefault(unit, {})[ind] = value
    with open(dst, "w", encoding="utf-8") as out:
        out.write('{"entities": [')
        for i, e in enumerate(ents.values()):
            d = {"entity": e["entity"], "entity_type": e["entity_type"]}
            if e["inputs"]:
                d["inputs"] = e["inputs"]
            out.write(",\n" if i else "\n")
            units = []
            for u, vals in e["units"].items():
                body = ", ".join("%s: %s" % (json.dumps(k), v if NUMBER.match(v) else json.dumps(v))
                                 for k, v in vals.items())
                units.append('{"unit": %s, "values": {%s}}' % (json.dumps(u), body))
            head = json.dumps(d)[:-1]
            out.write('%s, "units": [\n  %s]}' % (head, ",\n  ".join(units)))
        out.write("\n]}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
