#!/usr/bin/env bash
# The run report in a real browser.
#
#   browser_test.sh GHIRBAL_BINARY TESTDATA_DIR WORK_DIR
#
# Runs a small Arabic + English corpus (TESTDATA_DIR/corpus.jsonl, TESTDATA_DIR/pipeline.yaml),
# writes its report, then loads it in headless Chromium with every host name unresolvable and
# checks: the rendered DOM has the funnel, the charts and the examples; Arabic examples are laid
# out right-to-left and English ones left-to-right (computed style, read by a harness script
# added to a copy of the page, since the report itself carries no script); the page made no
# network request and logged no console message; planted markup stayed text. Takes a screenshot
# (WORK_DIR/report.png) and prints the page (WORK_DIR/report.pdf). Without Chromium it
# installs it when running as root, else exits 77 (skipped).
set -u
ghirbal=$1
data=$2
work=$3

fail() { echo "FAIL: $*" >&2; exit 1; }

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium_bin && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "chromium missing: installing it (apt-get install -y chromium)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || true
  chromium_bin=$(command -v chromium || true)
fi
if [[ -z $chromium_bin ]]; then
  echo "SKIPPED: chromium is not installed (apt-get install chromium), the browser check did not run" >&2
  exit 77
fi

rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"
"$ghirbal" run "$data/pipeline.yaml" --input "$data/corpus.jsonl" --output "$work/run" --threads 2 --quiet --no-progress \
  || fail "ghirbal run failed"
"$ghirbal" report "$work/run" --output "$work/report.html" || fail "ghirbal report failed"
html=$work/report.html

# 1. The file itself: no script, no reference to anything outside it.
grep -qi '<script' "$html" && fail "the report contains a <script> element"
# (Attributes inside tags only: text content has no raw '<', so every '<' opens a real tag.)
attr='<[^<>]*[[:space:]](src|href|xlink:href|action|srcset|poster)[[:space:]]*=[[:space:]]*["'"'"']?[^"'"'"'#[:space:]]'
grep -qiE "$attr" "$html" && fail "the report references an external resource: $(grep -oiE "$attr" "$html" | head -3)"
grep -qiE 'url\(|@import' "$html" && fail "the report's style loads something"
grep -q '&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;&lt;/textarea&gt;' "$html" \
  || fail "the planted markup is not shown escaped"

chrome() {
  # Every host name resolves to nothing: any network request would fail and be logged.
  timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" \
    --enable-logging=stderr --v=0 "$@"
}

# 2. The rendered page.
chrome --dump-dom "file://$html" >"$work/dom.html" 2>"$work/console.log" || fail "chromium failed (see $work/console.log)"
chrome --screenshot="$work/report.png" --window-size=1100,6000 --hide-scrollbars "file://$html" \
  >/dev/null 2>>"$work/console.log" || fail "chromium could not take a screenshot"
[[ -s $work/report.png ]] || fail "no screenshot"
chrome --print-to-pdf="$work/report.pdf" --no-pdf-header-footer "file://$html" >/dev/null 2>>"$work/console.log" \
  || fail "chromium could not print the page"
[[ $(head -c 5 "$work/report.pdf") == "%PDF-" ]] || fail "printing gave no PDF"
dom=$work/dom.html
for part in 'id="funnel"' 'Documents left after each stage' 'Rejected documents by rule' 'Kept documents by language' \
            'Text length, kept versus rejected' 'class="threshold"' 'langid.min_score = 0.5' 'class="example"' \
            'data-kind="rejected"' 'exact duplicates removed'; do
  grep -qF "$part" "$dom" || fail "the rendered page lacks: $part"
done
charts=$(grep -o '<svg class="chart"' "$dom" | wc -l)
(( charts >= 5 )) || fail "only $charts charts rendered"
grep -qi '<script' "$dom" && fail "a script element appeared in the rendered page"
if grep -E 'CONSOLE|net::ERR|Refused to|Content Security Policy|Failed to load' "$work/console.log"; then
  fail "the page logged console messages or network errors (above)"
fi

# 3. Direction: a copy of the page with a harness script (and without the CSP that would stop
# it) records each example's computed direction next to the first strong letter of its text.
harness=$work/harness.html
read -r -d '' script <<'JS'
<script>
const out = [];
for (const el of document.querySelectorAll(".example .text")) {
  const m = el.textContent.match(/[A-Za-z\u0600-\u06FF]/);
  if (!m) continue;
  const arabic = /[\u0600-\u06FF]/.test(m[0]);
  out.push((arabic ? "arabic:" : "latin:") + getComputedStyle(el).direction);
}
const pre = document.createElement("pre");
pre.id = "harness";
pre.textContent = "directions " + out.join(" ") + " end";
document.body.appendChild(pre);
</script>
JS
page=$(grep -v 'Content-Security-Policy' "$html")
printf '%s\n' "${page/<\/body>/$script</body>}" >"$harness"
chrome --dump-dom "file://$harness" >"$work/harness-dom.html" 2>/dev/null || fail "chromium failed on the harness page"
directions=$(grep -oE 'directions [a-z: ]* end' "$work/harness-dom.html") || fail "the harness did not run"
echo "$directions"
[[ $directions == *"arabic:rtl"* ]] || fail "no Arabic example laid out right-to-left"
[[ $directions == *"latin:ltr"* ]] || fail "no English example laid out left-to-right"
[[ $directions == *"arabic:ltr"* ]] && fail "an Arabic example is laid out left-to-right"
[[ $directions == *"latin:rtl"* ]] && fail "an English example is laid out right-to-left"

echo "PASS: report rendered in $("$chromium_bin" --version 2>/dev/null | tail -1); screenshot $work/report.png"
