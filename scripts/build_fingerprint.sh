#!/bin/sh
# sha256 of every file a build published, by path relative to the package folder:
#   scripts/build_fingerprint.sh OUT > a.txt   (compare two builds with diff)
set -eu
cd "$1"
find . -type f | LC_ALL=C sort | while read -r f; do sha256sum "$f"; done
