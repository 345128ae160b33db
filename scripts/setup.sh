#!/usr/bin/env bash
# Installs what the kit needs beyond the Swift toolchain. Safe to run again.
#   Linux (Debian/Ubuntu): libsqlite3-dev, for the SQLite state store; bubblewrap, which
#   `grade` uses to keep a student's code off the network and out of the rest of the disk;
#   zip/unzip, for zipped submissions. `scripts/setup.sh chromium` adds the headless browser
#   that scripts/grade-html-check.sh looks at the HTML reports with.
#   macOS: nothing; SQLite ships with the system.
set -euo pipefail

if [[ "$(uname -s)" != "Linux" ]]; then
  exit 0
fi

missing=()
for package in libsqlite3-dev bubblewrap zip unzip "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
