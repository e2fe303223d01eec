#!/usr/bin/env bash
# The main job on bundled data: installs what is missing, builds, and scores
# the example entities of examples/data/scores-2022.csv under ombudsman-2022.
set -eu
cd "$(dirname "$0")/.."
bash tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
./build/tools/compliance score --profile ombudsman-2022 examples/data/scores-2022.csv
# the rapor of the same data: one HTML page to open in a browser or print
./build/tools/compliance report --profile ombudsman-2022 -o build/rapor-2022.html \
	examples/data/scores-2022.csv 2>/dev/null
echo "The rapor (HTML, printable) of these entities: $(pwd)/build/rapor-2022.html"
