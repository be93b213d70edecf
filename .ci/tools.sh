# Sourced by .ci/validate and scripts/screenshots: installs, only when missing,
# what they need, quietly. Safe to call again: a second run does nothing.
#
#   ensure_apt PKG...      Debian packages (apt-get update first, once)
#   ensure_java            a Java 17+ runtime for vnu.jar
#   ensure_node            Node 20+ and npm
#   ensure_node_modules    .ci/node_modules from .ci/package-lock.json (npm ci)
#   ensure_python_schemas  .ci/python/ from .ci/requirements.txt (pinned by hash)
#
# Neither .ci/node_modules/ nor .ci/python/ is tracked (see .gitignore).

ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
_apt_updated=""

_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo > /dev/null; then
        sudo "$@"
    else
        echo "need root to run: $*" >&2
        return 1
    fi
}

# Runs a command with its output kept in a log that is shown only on failure.
_quietly() {
    local log
    log="$(mktemp)"
    local rc=0
    "$@" > "$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        cat "$log" >&2
        echo "failed ($rc): $*" >&2
    fi
    rm -f "$log"
    return "$rc"
}

ensure_apt() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    echo "installing Debian packages: ${missing[*]}"
    if [ -z "$_apt_updated" ]; then
        _quietly _as_root apt-get update -qq
        _apt_updated=1
    fi
    _quietly _as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

_java_major() {
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

ensure_java() {
    local major=""
    command -v java > /dev/null && major="$(_java_major)"
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
        ensure_apt default-jre-headless
        major="$(_java_major)"
    fi
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
        echo "the Nu Html Checker needs Java 17 or newer; found: ${major:-none}" >&2
        return 1
    fi
}

ensure_node() {
    if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
        ensure_apt nodejs npm
    fi
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    if [ "$major" -lt 20 ]; then
        echo "playwright-core needs Node 20 or newer; found $(node --version)" >&2
        return 1
    fi
}

# npm ci into .ci/node_modules, redone only when package-lock.json changed.
# --ignore-scripts: nothing needs a build step, and vnu-jar's postinstall
# would otherwise try to download a Java runtime when none is installed.
ensure_node_modules() {
    ensure_node
    local stamp="$ci_dir/node_modules/.installed-from-lock"
    if [ -f "$stamp" ] && cmp -s "$stamp" "$ci_dir/package-lock.json" \
        && [ -f "$ci_dir/node_modules/vnu-jar/package.json" ] \
        && [ -f "$ci_dir/node_modules/playwright-core/package.json" ]; then
        return 0
    fi
    echo "installing npm packages into .ci/node_modules"
    _quietly npm ci --prefix "$ci_dir" --ignore-scripts --no-audit --no-fund \
        --loglevel=error
    cp "$ci_dir/package-lock.json" "$stamp"
}

# The wheels named in requirements.txt, unpacked into .ci/python/. They are
# only used for the schema files they ship, so they are not installed.
ensure_python_schemas() {
    local dest="$ci_dir/python"
    local stamp="$dest/.installed-from-requirements"
    if [ -f "$stamp" ] && cmp -s "$stamp" "$ci_dir/requirements.txt"; then
        return 0
    fi
    command -v python3 > /dev/null || ensure_apt python3
    python3 -m pip --version > /dev/null 2>&1 || ensure_apt python3-pip
    echo "fetching PyPI packages into .ci/python"
    local tmp
    tmp="$(mktemp -d)"
    _quietly python3 -m pip download --quiet --disable-pip-version-check \
        --no-deps --only-binary=:all: --require-hashes \
        -r "$ci_dir/requirements.txt" -d "$tmp"
    rm -rf "$dest"
    mkdir -p "$dest"
    local wheel
    for wheel in "$tmp"/*.whl; do
        python3 -m zipfile -e "$wheel" "$dest"
    done
    rm -rf "$tmp"
    cp "$ci_dir/requirements.txt" "$stamp"
}
