#!/usr/bin/env bash
# Installs the Debian 12 packages radioplay needs to build and test, if any are missing.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again (installs nothing when all
# are present). Needs root, or sudo.
set -euo pipefail

RADIOPLAY_PACKAGES=(
	build-essential cmake pkg-config
	libespeak-ng-dev espeak-ng-data libsndfile1-dev libsamplerate0-dev libicu-dev libinih-dev
	libjansson-dev portaudio19-dev libxml2-dev
	# --emoji speak: CLDR's emoji names (/usr/share/unicode/cldr/common/annotations*)
	unicode-cldr-core
	# tests: unit test framework and independent instruments
	libcmocka-dev espeak-ng sox jq tmux time
	clang-format # scripts/format.sh; Debian 12's is clang-format 14
	# fuzzing (scripts/fuzz.sh): clang with the libFuzzer, ASan and UBSan runtimes
	clang-14 libclang-rt-14-dev
)

rp_missing_packages() {
	local p
	for p in "${RADIOPLAY_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
	done
}

rp_install_deps() {
	local missing
	missing=$(rp_missing_packages)
	[ -z "$missing" ] && return 0
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "radioplay: need root or sudo to install:" $missing >&2; return 1; }
		sudo=(sudo)
	fi
	echo "radioplay: installing Debian packages:" $missing >&2
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	rp_install_deps
fi
