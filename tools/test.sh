#!/usr/bin/env bash
# Builds and runs every test: installs what is missing, configures a fresh
# build tree, builds, and runs the whole CTest suite (unit, CLI, install and
# consume, ABI, docs).
set -eu
cd "$(dirname "$0")/.."
bash tools/deps.sh
BUILD=${BUILD_DIR:-build-test}
rm -rf "$BUILD"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCOMPLIANCE_WERROR=ON
cmake --build "$BUILD" -j"$(nproc)"
cd "$BUILD"
ctest --output-on-failure -j"$(nproc)"
