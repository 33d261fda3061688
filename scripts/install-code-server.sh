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

export npm_config_unsafe_perm=true
# node-gyp builds against Node's own headers (Debian's nodejs has them in /usr/include/node): it must
# not try to download them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
export npm_config_yes=true
export npm_config_update_notifier=false
# The lockfile beside package.json pins code-server and its own dependencies (argon2...).
npm ci --no-audit --no-fund --omit=dev

# @vscode/ripgrep's postinstall downloads a ripgrep build from GitHub unless its cache already has
# the archive it wants (its lib/download.js: $TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<tag>-<target>.tar.gz,
# unpacked with tar into its bin/). Put Debian's rg there under that name. The tag is the VERSION in
# its lib/postinstall.js; both are checked against the versions this was written for.
rg_version=$(node -p "require('./node_modules/code-server/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")
rg_tag=v13.0.0-10
if [ "$rg_version" != 1.15.11 ]; then
  echo "code-server now brings @vscode/ripgrep $rg_version: check the tag in its lib/postinstall.js (was $rg_tag for 1.15.11) and update this script" >&2
  exit 1
fi
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$rg_version"
rg_dir=$(mktemp -d)
cp "$(command -v rg)" "$rg_dir/rg"
mkdir -p "$rg_cache"
tar czf "$rg_cache/ripgrep-$rg_tag-$rg_target.tar.gz" -C "$rg_dir" rg
rm -rf "$rg_dir"

# code-server's own postinstall (postinstall.sh) runs `npm install` again inside lib/vscode and
# lib/vscode/extensions: projects whose package.json has no allowScripts, where npm 11 would skip the
# native modules' build scripts. npm passes its own settings on to scripts as npm_config_* variables,
# and a policy from the environment is refused in a project install (EALLOWSCRIPTS), so the package's
# postinstall is not run by npm (allowScripts: false in package.json) but here, after an .npmrc with
# the policy is put in each of those two folders. (npx node-gyp in node-pty's build needs
# npm_config_yes; root needs unsafe_perm, which postinstall.sh checks.)
cd node_modules/code-server
echo 'allow-scripts=@parcel/watcher,@vscode/deviceid,@vscode/ripgrep,@vscode/spdlog,kerberos,native-watchdog,node-pty' >lib/vscode/.npmrc
echo 'allow-scripts=@parcel/watcher' >lib/vscode/extensions/.npmrc
npm_config_user_agent="npm/$(npm --version) node/$(node --version) $(uname -s | tr '[:upper:]' '[:lower:]') $(node -p process.arch)" sh ./postinstall.sh
cd ../..

test -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg
test -f node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node
# code-server writes a config file on first run: keep it out of the user's home.
config_home=$(mktemp -d)
XDG_CONFIG_HOME="$config_home" node_modules/.bin/code-server --version
rm -rf "$config_home"
