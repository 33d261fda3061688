#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) into test/vscode/code-server/, for the real-VS-Code
# test (test/vscode/code-server.test.ts). It is not a root dependency: it is large and only that test
# needs it, so `npm ci` stays fast for everyone else. Run by .ci/run, and by the test when missing.
#
# Needs Node 20 (code-server's requirement), a C/C++ toolchain and Debian's
#   libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep
# for the native modules that VS Code's server builds from source (kerberos, node-pty, spdlog, ...).
set -euo pipefail
cd "$(dirname "$0")/../test/vscode/code-server"

if [ -x node_modules/.bin/code-server ] && [ -e node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ] && [ -f node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node ]; then
  echo "code-server is already installed"
  exit 0
fi

if ! command -v rg >/dev/null 2>&1; then
  echo "ripgrep (Debian's ripgrep package) is needed: @vscode/ripgrep cannot download its own here" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall downloads a ripgrep build from GitHub unless its cache already has
# the archive it wants (lib/download.js: $TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<tag>-<target>.tar.gz,
# unpacked with tar into its bin/). Put Debian's rg there under that name, for every version of
# @vscode/ripgrep that code-server's shrinkwrap can bring in.
tmp="${TMPDIR:-/tmp}"
rgdir=$(mktemp -d)
cp "$(command -v rg)" "$rgdir/rg"
case "$(uname -m)" in
  x86_64) target=x86_64-unknown-linux-musl ;;
  aarch64) target=aarch64-unknown-linux-musl ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
for version in 1.15.11; do
  mkdir -p "$tmp/vscode-ripgrep-cache-$version"
  tar czf "$tmp/vscode-ripgrep-cache-$version/ripgrep-v13.0.0-10-$target.tar.gz" -C "$rgdir" rg
done
rm -rf "$rgdir"

# code-server's own postinstall (postinstall.sh) runs `npm install` again inside lib/vscode and
# lib/vscode/extensions: projects whose package.json has no allowScripts, where npm 11 would skip the
# native modules' build scripts. npm passes its own settings on to scripts as npm_config_* variables,
# and a policy from the environment is refused in a project install (EALLOWSCRIPTS), so the package's
# postinstall is not run by npm (allowScripts: false in package.json) but here, after an .npmrc with
# the policy is put in each of those two folders.
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_update_notifier=false
npm install --no-audit --no-fund --omit=dev

cd node_modules/code-server
echo 'allow-scripts=@parcel/watcher,@vscode/deviceid,@vscode/ripgrep,@vscode/spdlog,kerberos,native-watchdog,node-pty' >lib/vscode/.npmrc
echo 'allow-scripts=@parcel/watcher' >lib/vscode/extensions/.npmrc
npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh
cd ../..
test -x node_modules/.bin/code-server
node_modules/.bin/code-server --version
