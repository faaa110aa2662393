#!/usr/bin/env bash
# make bench: release build, payload sizes, then the load/latency harness
# (examples/bench.rs). Writes bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v brotli >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli; }

cargo leptos build --release

size() { wc -c < "$1" | tr -d ' '; }
row() { # name file
  local raw gz br
  raw=$(size "$2"); gz=$(gzip -9 -c "$2" | wc -c); br=$(brotli -q 11 -c "$2" | wc -c)
  echo "| $1 | $raw | $gz | $br |"
}

# A first card load: the HTML of a lead card, the CSS, the JS glue and the wasm.
bin=target/release/amo-mobile-card
port=3499
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$bin" & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -fsL -c /tmp/amc-bench-cookies "http://127.0.0.1:$port/__demo/open?kind=leads&id=1001" -o /tmp/amc-card.html
served() { # path -> bytes on the wire with the compression the server applies
  curl -fs -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$1"
}
html_wire=$(curl -fsL -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/__demo/open?kind=leads&id=1001")
css_wire=$(served /pkg/amo-mobile-card.css); js_wire=$(served /pkg/amo-mobile-card.js); wasm_wire=$(served /pkg/amo-mobile-card.wasm)
kill $pid; trap - EXIT

{
  echo "## 4. Payload of a first card load (release build)"
  echo
  echo "| file | raw bytes | gzip -9 | brotli 11 |"
  echo "|---|---|---|---|"
  row "HTML (lead card)" /tmp/amc-card.html
  row "CSS" target/site/pkg/amo-mobile-card.css
  row "JS" target/site/pkg/amo-mobile-card.js
  row "wasm" target/site/pkg/amo-mobile-card.wasm
  echo
  echo "On the wire with the server's own compression: HTML $html_wire, CSS $css_wire, JS $js_wire, wasm $wasm_wire bytes;" \
       "total $((html_wire + css_wire + js_wire + wasm_wire)) bytes."
} > bench/payload.md

cargo run --release --features ssr --example bench
