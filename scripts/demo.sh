#!/usr/bin/env bash
# The main job, from a fresh clone: installs what radioplay needs (Debian packages), builds it,
# and renders an example dialogue to out/. Pass another script to render that instead:
#   scripts/demo.sh [SCRIPT]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
rp_install_deps

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
script=${1:-examples/coffee.txt}
./build/radioplay render "$script"
stem=$(basename "${script%.*}")
echo "Rendered $script -> $(pwd)/out/$stem.wav"
echo "Play it with any audio player, or try: ./build/radioplay plan $script | less"
