#!/usr/bin/env bash
# Set up what the tests need, where it is missing, then run them: bash scripts/test.sh [pytest args]
#  - a virtualenv in .venv with the project and its test extras;
#  - Debian's chromium for the browser tests (installed with apt-get when run as root).
# Under CI=true a missing browser fails the browser tests instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "no /usr/bin/chromium: browser tests will be skipped (apt-get install chromium)"
  fi
fi
exec .venv/bin/python -m pytest "$@"
