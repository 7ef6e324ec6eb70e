#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the browser end-to-end test, if it is missing.
# Debian/Ubuntu packages only (apt-get); never downloads a browser from anywhere else.
# Prints the browser's path on success; exits non-zero (with the reason on stderr) otherwise.
set -euo pipefail

find_browser() {
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}

if path=$(find_browser); then
    echo "$path"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no chromium and no apt-get on this machine" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install_browser: chromium is missing and installing it needs root (or password-less sudo)" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
# Best effort: emoji glyphs (the 👍/👎 buttons) in screenshots; the test does not need them.
$SUDO apt-get install -y -qq --no-install-recommends fonts-noto-color-emoji >&2 || true

if path=$(find_browser); then
    echo "$path"
    exit 0
fi
echo "install_browser: apt-get finished but no chromium binary was found" >&2
exit 1
