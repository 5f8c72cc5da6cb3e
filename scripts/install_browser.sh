#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/web/test_web_browser.py).
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root for apt-get;
# without root it only says what is missing (the browser tests then skip).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install_browser: $CHROMIUM already present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install_browser: $CHROMIUM is missing and this user is not root; skipping (browser tests will skip)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get on this machine; cannot install chromium (browser tests will skip)"
    exit 0
fi
echo "install_browser: installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium
echo "install_browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
