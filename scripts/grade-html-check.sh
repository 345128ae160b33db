#!/usr/bin/env bash
# Looks at grade's HTML reports in a real headless Chromium (Debian's `chromium`; setup.sh
# chromium installs it): each page renders, shows its charts (the bars' colours are on the
# screenshot), and logs nothing to the console. First proves that a console error would be seen.
#   scripts/grade-html-check.sh REPORTS [SCREENSHOT.png]
#   REPORTS: a `grade --submissions ... --format html --output REPORTS` folder.
set -euo pipefail
REPORTS="$(cd "$1" && pwd)"
SHOT="${2:-$REPORTS/class-view.png}"
BROWSER="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$BROWSER" ]]; then
  "$(dirname "$0")/setup.sh" chromium
  BROWSER="$(command -v chromium)"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# render PAGE PNG: the DOM after loading, the console, and a screenshot.
render() {
  local flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
               --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --window-size=1280,2400)
  timeout 120 "$BROWSER" "${flags[@]}" --dump-dom "file://$1" >"$work/dom.html" 2>"$work/console.log"
  timeout 120 "$BROWSER" "${flags[@]}" --screenshot="$2" "file://$1" >/dev/null 2>>"$work/console.log"
}

# The detector first: a page that logs an error must be caught.
printf '<!DOCTYPE html><html><body><script>console.error("planted")</script></body></html>' >"$work/planted.html"
render "$work/planted.html" "$work/planted.png"
grep -q 'CONSOLE.*planted' "$work/console.log" || { echo "html check: the console detector missed a planted error" >&2; exit 1; }

check_page() {
  local page="$1" png="$2" colours="$3"
  render "$page" "$png"
  if grep -q 'CONSOLE' "$work/console.log"; then
    echo "html check: $page logged to the console:" >&2; grep 'CONSOLE' "$work/console.log" >&2; exit 1
  fi
  python3 - "$work/dom.html" "$png" "$colours" "$page" <<'PY'
import re, struct, sys, zlib
dom, png, colours, page = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
text = open(dom, encoding="utf-8").read()
charts = len(re.findall(r'<svg class="chart"', text))
bars = len(re.findall(r'class="bar"', text))
if charts == 0 or bars == 0:
    sys.exit(f"html check: {page} rendered no chart (charts={charts}, bars={bars})")

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, width, height, kind = 8, b"", 0, 0, 0
    while position < len(data):
        length, name = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if name == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and kind in (2, 6), f"PNG depth {depth} colour type {kind}"
        elif name == b"IDAT":
            idat += body
        position += 12 + length
    channels = 3 if kind == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind_of_filter, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind_of_filter == 1: line[i] = (line[i] + left) & 255
            elif kind_of_filter == 2: line[i] = (line[i] + up) & 255
            elif kind_of_filter == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind_of_filter == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line)); previous = line
    return rows, channels

rows, channels = pixels(png)
found = {}
for colour in colours:
    target = bytes.fromhex(colour)
    found[colour] = sum(row[i:i + 3] == target for row in rows[::4] for i in range(0, len(row), channels * 4))
if not any(found.values()):
    sys.exit(f"html check: the screenshot of {page} shows none of the charts' colours {colours}")
print(f"html check: {page.split('/')[-2] + '/' + page.split('/')[-1]}: {charts} charts, {bars} bars in the DOM, chart pixels {found}, no console output")
PY
}

check_page "$REPORTS/index.html" "$SHOT" "1565c0,2e7d32,f9a825,c62828"
first="$(find "$REPORTS" -mindepth 2 -maxdepth 2 -name report.html | sort | head -1)"
[[ -n "$first" ]] && check_page "$first" "$work/submission.png" "2e7d32,f9a825,c62828"
echo "html check: screenshot of the class view: $SHOT"
