#!/usr/bin/env bash
# Installs Free Pascal (and, with --lazarus, lazbuild and the LCL) on Debian 12. Idempotent.
set -e
need=""
command -v fpc >/dev/null 2>&1 || need="fp-compiler fp-units-rtl fp-units-fcl fp-utils"
if [ "${1:-}" = "--lazarus" ] && ! { command -v lazbuild && command -v xvfb-run; } >/dev/null 2>&1; then
  need="$need lcl-2.2 lcl-gtk2-2.2 xvfb xauth"
fi
if [ -n "$need" ]; then
  apt-get update -qq -o DPkg::Lock::Timeout=900
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 $need
fi
fpc -iV
