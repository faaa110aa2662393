#!/usr/bin/env bash
# make bench: release build with precompressed assets, the payload table, the
# slow-network timings (Playwright, Chromium's network emulation), then the
# load/latency harness (bench/harness.rs). Writes bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo leptos build --release --precompress

size() { wc -c < "$1" | tr -d ' '; }
bin=target/release/amo-mobile-card
port=3499
db_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=amo-mobile-card \
  RUST_LOG=warn "$bin" & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

# What a phone downloads on a first card load: the card's HTML, then the CSS,
# the JS glue and the wasm, with the encoding a browser asks for (br, gzip).
wire() { # url -> "bytes encoding"
  curl -fsL -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download} %header{content-encoding}' "$1"
}
# File names carry content hashes (hash-files): read them from hash.txt.
asset() { # css|js|wasm -> the file name under /pkg
  local h; h=$(sed -n "s/^$1: *//p" target/release/hash.txt 2>/dev/null)
  echo "amo-mobile-card${h:+.$h}.$1"
}
read -r html_wire html_enc <<<"$(wire "http://127.0.0.1:$port/__demo/open?kind=leads&id=1001")"
curl -fsL "http://127.0.0.1:$port/__demo/open?kind=leads&id=1001" -o /tmp/amc-card.html
read -r css_wire css_enc <<<"$(wire "http://127.0.0.1:$port/pkg/$(asset css)")"
read -r js_wire js_enc <<<"$(wire "http://127.0.0.1:$port/pkg/$(asset js)")"
read -r wasm_wire wasm_enc <<<"$(wire "http://127.0.0.1:$port/pkg/$(asset wasm)")"
cache=$(curl -fsI "http://127.0.0.1:$port/pkg/$(asset wasm)" | sed -n 's/^cache-control: *//Ip' | tr -d '\r')
total=$((html_wire + css_wire + js_wire + wasm_wire))
# Command substitutions first: a failed build stops the script (set -e).
floor_size=$(bench/wasm-size.sh bench/floor floor)
card_size=$(bench/wasm-size.sh)
read -r floor_raw floor_br <<<"$floor_size"
read -r card_raw card_br <<<"$card_size"
wasm_br=$(size "target/site/pkg/$(asset wasm).br")
{
  echo "## 8. Payload of a first card load (release build, precompressed at build time)"
  echo
  echo "| file | raw bytes | .gz file | .br file | on the wire | encoding |"
  echo "|---|---|---|---|---|---|"
  echo "| HTML (lead card, streamed) | $(size /tmp/amc-card.html) | – | – | $html_wire | ${html_enc:-identity} |"
  for f in css js wasm; do
    wire_var="${f}_wire"; enc_var="${f}_enc"; file="target/site/pkg/$(asset $f)"
    echo "| $f | $(size "$file") | $(size "$file.gz") | $(size "$file.br") | ${!wire_var} | ${!enc_var:-identity} |"
  done
  echo
  echo "Assets are served as \`$(asset wasm)\` etc. with \`Cache-Control: $cache\`: a returning card downloads only its HTML."
  echo
  echo "First load on the wire: **$total bytes** (target ≤ 100 000: $([ $total -le 100000 ] && echo met || echo not met));" \
       "wasm brotli **$wasm_br bytes** (target ≤ 60 000: $([ "$wasm_br" -le 60000 ] && echo met || echo not met))."
  echo
  echo "The HTML is gzip-compressed per request chunk by chunk (\`server/http/compress.rs\`), so it still streams."
  echo
  echo "**Leptos' floor**, built the same way (wasm-release, wasm-bindgen, \`wasm-opt -Oz\`, brotli -q 11; \`bench/wasm-size.sh\`):"
  echo
  echo "| bundle | wasm raw | wasm brotli |"
  echo "|---|---|---|"
  echo "| \`bench/floor\`: one island with props, a signal, a button | $floor_raw | $floor_br |"
  echo "| this card (one island that takes over the forms, plus the details island) | $card_raw | $card_br |"
  echo
  echo "The card ships $((card_br - floor_br)) brotli bytes above the framework's own floor of $floor_br;" \
       "a 60 000-byte wasm is below what Leptos 0.8 islands hydration itself needs."
  echo
} > bench/payload.md

# The card on a slow network (about 400 kbps down, 400 ms RTT): a measurement, not a test.
( cd end2end && BENCH_BASE_URL="http://127.0.0.1:$port" PLAYWRIGHT_HTML_OPEN=never \
    npx playwright test --config slow-network.config.ts ) || echo "slow-network measurement failed" >&2
kill $pid; trap - EXIT
wait $pid 2>/dev/null || true

cargo run --release --features ssr --example bench
