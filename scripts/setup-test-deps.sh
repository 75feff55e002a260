#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian's packages, non-interactively.
# Run as root (CI and the project's machines are root). Idempotent: does nothing when all is present.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import zmq' 2>/dev/null || need+=(python3-zmq)
command -v ps >/dev/null 2>&1 || need+=(procps)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)  # test/e2e/ssh.test.ts: sshd on loopback (scripts/test-sshd.sh)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
if ((${#need[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-test-deps: need root to install: ${need[*]}" >&2
    exit 1
  fi
  echo "setup-test-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # no init system here: openssh-server's postinst cannot start an sshd (policy-rc.d says no), which is what we want
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
