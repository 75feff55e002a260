#!/usr/bin/env bash
# A throw-away OpenSSH server for the SSH tests (test/e2e/ssh.test.ts), as root, non-interactively.
#
#   scripts/test-sshd.sh start DIR ADDR PORT   daemonised sshd on ADDR:PORT with its own host key (DIR/host_ed25519),
#                                              key-only; writes DIR/known_hosts ("[ADDR]:PORT ssh-ed25519 …"), creates
#                                              the client key DIR/client_ed25519 when missing and the non-root login
#                                              user pilotmqtest (authorized_keys = that key); pid in DIR/sshd.pid
#   scripts/test-sshd.sh stop DIR              kill the sshd of DIR (by its pid file)
#
# PILOTMQ_SSHD_MAX_SESSIONS=N start ...: sshd's MaxSessions (channels per connection), default 64.
#
# Several servers may share one DIR's parent; each DIR is one server. Needs /usr/sbin/sshd (scripts/setup-test-deps.sh).
set -euo pipefail
CMD=${1:?start|stop}; D=${2:?dir}
TEST_USER=${PILOTMQ_TEST_USER:-pilotmqtest}

if [ "$CMD" = stop ]; then
  if [ -s "$D/sshd.pid" ]; then kill "$(cat "$D/sshd.pid")" 2>/dev/null || true; rm -f "$D/sshd.pid"; fi
  exit 0
fi
[ "$CMD" = start ] || { echo "usage: $0 start|stop DIR [ADDR PORT]" >&2; exit 2; }
ADDR=${3:?addr}; PORT=${4:?port}
[ "$(id -u)" = 0 ] || { echo "test-sshd: must run as root" >&2; exit 1; }
[ -x /usr/sbin/sshd ] || { echo "test-sshd: /usr/sbin/sshd missing (run scripts/setup-test-deps.sh)" >&2; exit 1; }

mkdir -p "$D"; chmod 700 "$D"
install -d -m 0755 /run/sshd                         # privilege-separation dir; no init system creates it
[ -f "$D/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C test-host -f "$D/host_ed25519"
[ -f "$D/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C pilotmq-test -f "$D/client_ed25519"

# the login user: useradd leaves the account locked ('!'), which sshd refuses with UsePAM no
id "$TEST_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$TEST_USER"
usermod -p '*' "$TEST_USER"
H=$(getent passwd "$TEST_USER" | cut -d: -f6)
install -d -m 700 -o "$TEST_USER" -g "$TEST_USER" "$H/.ssh"
# sshd reads authorized keys as the target user: the user's own file, keys of every test server appended once
AK="$H/.ssh/authorized_keys"
touch "$AK"; chown "$TEST_USER:$TEST_USER" "$AK"; chmod 600 "$AK"
grep -qF "$(cut -d' ' -f2 "$D/client_ed25519.pub")" "$AK" || cat "$D/client_ed25519.pub" >> "$AK"

cat > "$D/sshd_config" <<CFG
ListenAddress $ADDR
Port $PORT
HostKey $D/host_ed25519
PidFile $D/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $TEST_USER
UsePAM no
StrictModes no
PrintMotd no
LogLevel VERBOSE
Subsystem sftp internal-sftp
MaxStartups 100:30:200
MaxSessions ${PILOTMQ_SSHD_MAX_SESSIONS:-64}
CFG
rm -f "$D/sshd.pid"
/usr/sbin/sshd -t -f "$D/sshd_config"
/usr/sbin/sshd -f "$D/sshd_config" -E "$D/sshd.log"
for _ in $(seq 50); do [ -s "$D/sshd.pid" ] && break; sleep 0.1; done
[ -s "$D/sshd.pid" ] || { echo "test-sshd: sshd did not start; $D/sshd.log:" >&2; cat "$D/sshd.log" >&2; exit 1; }
if [ "$PORT" = 22 ]; then HK=$ADDR; else HK="[$ADDR]:$PORT"; fi
echo "$HK $(cut -d' ' -f1,2 "$D/host_ed25519.pub")" > "$D/known_hosts"
echo "sshd pid $(cat "$D/sshd.pid") on $ADDR:$PORT, user $TEST_USER"
