#!/bin/sh
# Whether this checkout's quote extraction gives the same outputs as another checkout's
# (by default the main checkout): the extract_quotes fingerprint of every PolNeAR text
# (train + dev), and sha256 of every file published by builds of BASIL dev and COUNTER
# dev, then `newsprov build --check` on the embedded seeds. Prints what differs; exit 1
# if anything does.
#   scripts/quotes_unchanged.sh [OTHER_CHECKOUT] [SCRATCH_DIR]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
other=${1:-$here/../../main}
tmp=${2:-/tmp/quotes-unchanged}
corpora=$(cd "$here" && for d in .. ../.. ../../..; do [ -d "$d/shared/corpora" ] && { cd "$d/shared/corpora"; pwd; break; }; done)
[ -n "$corpora" ] || { echo "quotes_unchanged: no shared/corpora above $here" >&2; exit 2; }
mkdir -p "$tmp"
# COUNTER keeps each pair in a folder of its own: one flat folder of copies to build from
# (a build accepts no symbolic links as sources)
if [ ! -d "$tmp/counter-dev-flat" ]; then
  mkdir -p "$tmp/counter-dev-flat"
  cp "$corpora"/counter/dev/pairs/*/*.txt "$tmp/counter-dev-flat/"
fi
status=0
for side in other here; do
  eval "dir=\$$side"
  "$dir/.venv/bin/python" "$here/scripts/quotes_fingerprint.py" "$corpora/polnear" > "$tmp/$side-fingerprint.txt"
  for corpus in basil-dev counter-dev; do
    src="$corpora/basil/dev/text"; [ "$corpus" = counter-dev ] && src="$tmp/counter-dev-flat"
    # (the same folder name on both sides: a package is named after its folder)
    rm -rf "$tmp/$side/$corpus"; mkdir -p "$tmp/$side"
    "$dir/.venv/bin/newsprov" build "$src" --out "$tmp/$side/$corpus" -q > "$tmp/$side-$corpus.log" 2>&1 \
      || { echo "build $corpus with $dir failed: see $tmp/$side-$corpus.log"; status=1; }
    "$here/scripts/build_fingerprint.sh" "$tmp/$side/$corpus" > "$tmp/$side-$corpus.sha256"
  done
done
cat "$tmp/here-fingerprint.txt"
diff "$tmp/other-fingerprint.txt" "$tmp/here-fingerprint.txt" > /dev/null && echo "PolNeAR quotes: same" \
  || { echo "PolNeAR quotes DIFFER"; status=1; }
for corpus in basil-dev counter-dev; do
  n=$(wc -l < "$tmp/here-$corpus.sha256")
  diff "$tmp/other-$corpus.sha256" "$tmp/here-$corpus.sha256" > /dev/null && echo "$corpus: $n files, all the same" \
    || { echo "$corpus DIFFERS:"; diff "$tmp/other-$corpus.sha256" "$tmp/here-$corpus.sha256" | head; status=1; }
done
(cd "$here" && .venv/bin/newsprov build --check > "$tmp/check.log" 2>&1) && echo "build --check: passes" \
  || { echo "build --check FAILS: see $tmp/check.log"; status=1; }
exit $status
