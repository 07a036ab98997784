# Shared helpers for scripts/serve, scripts/build-dist and scripts/test: find or install the toolchain.
# Sourced, not run. Installs only from crates.io, npm and Debian apt; nothing else is downloaded.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
export PATH="$TOOLS_DIR/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# trunk would otherwise ask crates.io whether a newer trunk exists.
export TRUNK_SKIP_VERSION_CHECK=true
# playwright-core never downloads a browser, but make sure nothing tries.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf '==> %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Value of `key = "value"` in a TOML file (first match, top-level or any table).
toml_value() {
  sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*[\"']\\([^\"']*\\)[\"'].*/\\1/p" "$1" | head -n 1
}

# The wasm-bindgen version locked in Cargo.lock: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

trunk_version() { toml_value "$ROOT/Trunk.toml" trunk-version | sed 's/^=//'; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  local want
  want="$(trunk_version)"
  [ -n "$want" ] || die "Trunk.toml has no trunk-version"
  if [ "$(trunk --version 2>/dev/null)" != "trunk $want" ]; then
    say "installing trunk $want with cargo (about 10 minutes on 2 cores, once)"
    cargo install trunk --version "$want" --locked
  fi
}

ensure_wasm_bindgen() {
  local want pinned
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  pinned="$(toml_value "$ROOT/Trunk.toml" wasm_bindgen)"
  [ "$pinned" = "$want" ] ||
    die "Trunk.toml [tools] wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $want: make them equal"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $want with cargo (about 3 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_wasm_opt() {
  local want
  want="$(toml_value "$ROOT/Trunk.toml" wasm_opt)" # e.g. version_132
  [ -n "$want" ] || die "Trunk.toml has no [tools] wasm_opt"
  if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "($want)"; then
    say "installing wasm-opt (npm binaryen@${want#version_}) into .tools/"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error --save-exact "binaryen@${want#version_}"
  fi
}

# terser from npm into .tools/, pinned: minifies wasm-bindgen's JavaScript after trunk (scripts/minify-js.mjs).
TERSER_VERSION=5.51.4
ensure_terser() {
  if [ "$(node -e "console.log(require('$TOOLS_DIR/node_modules/terser/package.json').version)" 2>/dev/null)" != "$TERSER_VERSION" ]; then
    say "installing terser $TERSER_VERSION (npm) into .tools/"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error --save-exact "terser@$TERSER_VERSION"
  fi
}

# Everything `trunk build --release` needs, plus the crates (trunk runs cargo --offline).
ensure_build_tools() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  command -v npm >/dev/null || die "npm not found: install Node.js 20+ first"
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_terser
  (cd "$ROOT" && cargo fetch --locked --quiet)
}

# Debian's Chromium and ChromeDriver (the browser tests' only browser).
ensure_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing chromium and chromium-driver from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver
  fi
}

# tests/e2e's npm dependencies, exactly as package-lock.json pins them.
ensure_e2e_deps() {
  local dir="$ROOT/tests/e2e"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing tests/e2e npm dependencies (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_dist() {
  say "building the release bundle into dist/ (trunk build --release)"
  # Two trunk builds at once share dist/.stage and target/wasm-opt and break each other: take turns.
  mkdir -p "$ROOT/target"
  # trunk's minifier cannot parse wasm-bindgen's JavaScript (it warns and keeps it whole): terser does it,
  # under the same lock, and index.html gets the new SRI hash.
  (cd "$ROOT" && flock "$ROOT/target/.trunk-build.lock" sh -c \
    'trunk build --release && node scripts/minify-js.mjs dist "$1"' sh "$TOOLS_DIR")
}
