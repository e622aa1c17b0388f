#!/bin/sh
# The install steps the Dockerfile and CI share, run from the project root:
#   deploy/install.sh deps VENV   a fresh venv with the pinned runtime dependencies (requirements.txt)
#   deploy/install.sh app VENV    build the wheel into $DIST (default dist/) and install it, no other packages
set -eu
step=$1
venv=$2
dist=${DIST:-dist}
case "$step" in
  deps)
    python3 -m venv "$venv"
    "$venv/bin/pip" install --no-cache-dir --quiet --disable-pip-version-check -r requirements.txt
    ;;
  app)
    "$venv/bin/pip" wheel --no-cache-dir --quiet --disable-pip-version-check --no-deps --wheel-dir "$dist" .
    "$venv/bin/pip" install --no-cache-dir --quiet --disable-pip-version-check --no-deps "$dist"/lnst_api-*.whl
    ;;
  *)
    echo "usage: deploy/install.sh deps|app VENV" >&2
    exit 2
    ;;
esac
