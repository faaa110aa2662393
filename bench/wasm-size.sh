#!/usr/bin/env bash
# The wasm bundle's size as a phone downloads it, built the way
# `cargo leptos build --release` builds it (wasm-release profile, wasm-bindgen,
# wasm-opt -Oz), then brotli -q 11. Usage: bench/wasm-size.sh [crate dir] [lib name]
# With a crate dir it measures that crate instead (bench/floor: Leptos' floor).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.}
name=${2:-amo_mobile_card}
features=()
[ "$dir" = "." ] && features=(--no-default-features --features hydrate)
# Its own target dir: release builds do not erase component types, debug ones do.
target="$PWD/target/size-$name"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
( cd "$dir" && RUSTFLAGS="" CARGO_TARGET_DIR="$target" \
    cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm-release "${features[@]}" )
wasm-bindgen --target web --no-typescript --out-dir "$out" "$target/wasm32-unknown-unknown/wasm-release/$name.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$out/${name}_bg.wasm" -o "$out/opt.wasm"
raw=$(wc -c < "$out/opt.wasm" | tr -d ' ')
br=$(brotli -q 11 -c "$out/opt.wasm" | wc -c | tr -d ' ')
echo "$raw $br"
