#!/usr/bin/env bash
# The main job on bundled data: installs what is missing, builds, and scores
# the example entities of examples/data/skor-2022-excel.csv under
# ombudsman-2022: a CSV as Excel saves it in the Indonesian locale (UTF-8
# byte-order mark, ';' between fields, decimal comma, CRLF, Indonesian
# headers in their own order, extra columns, trailing empty rows). It holds
# the same entities as examples/data/scores-2022.csv (the RFC 4180 form).
set -eu
cd "$(dirname "$0")/.."
bash tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
./build/tools/compliance score --profile ombudsman-2022 examples/data/skor-2022-excel.csv
# how many entities in each category and zone, by type and by the file's
# own Provinsi column
./build/tools/compliance score --profile ombudsman-2022 --summary --group-by Provinsi \
	examples/data/skor-2022-excel.csv 2>/dev/null
# the rapor of the same data: one HTML page to open in a browser or print
./build/tools/compliance report --profile ombudsman-2022 -o build/rapor-2022.html \
	examples/data/skor-2022-excel.csv 2>/dev/null
echo "The rapor (HTML, printable) of these entities: $(pwd)/build/rapor-2022.html"
