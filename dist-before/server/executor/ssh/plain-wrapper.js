import { shellQuote } from './connection.js';
/**
 * The wrapper script ($0 is `pilotmq-job`). Its positional parameters, all from plainArgs():
 *   1 job dir   2 wd   3 stdin   4 stdout   5 stderr ('' = /dev/null)   6 stderr into stdout (1/0)
 *   7 wall time s ('' = none)   8 kill grace s   9 KEEP (1: leave the job running when the channel goes)
 *   10 setsid tool   11 `=` + the job's PATH, or '' (the session's)   12 N, then N exportable NAME=VALUE,
 *   then M, then M other NAME=VALUE (given to env(1)), then the program and its arguments.
 * `eval` only ever sees text made of numbers (`export "${13}"`, `EX=${20}`), never a value.
 */
const SCRIPT = String.raw `set -u
J=$1 WD=$2 IN=$3 OUT=$4 ERR=$5 MERGE=$6 WT=$7 GRACE=$8 KEEP=$9 TOOL=@{10} JPATH=@{11} N=@{12}
case $JPATH in =*) JPATH=@{JPATH#=};; *) JPATH=@{PATH-/bin:/usr/bin};; esac
eval "M=\@{$((N + 13))}"; eval "EX=\@{$((N + M + 14))}"
trap '' HUP PIPE
exec 3<&0 </dev/null
now() { t=$(date +%s%N 2>/dev/null) || t=-; case $t in ''|*[!0-9]*) t=-;; esac; }
fail() { printf '%s\n' "$1"; exit 0; }
errof() { case $1 in *'Permission denied') E=EACCES;; *'Read-only file system') E=EROFS;; *'No space left on device') E=ENOSPC;;
  *'No such file or directory') E=ENOENT;; *'Not a directory') E=ENOTDIR;; *'File name too long') E=ENAMETOOLONG;;
  *'Disk quota exceeded') E=EDQUOT;; *'Too many levels of symbolic links') E=ELOOP;; *) E=EIO;; esac; }
mkd() {
  [ -d "$1" ] && return 0
  if [ -e "$1" ]; then E=ENOTDIR; return 1; fi
  p=@{1%/*}; [ -n "$p" ] || p=/
  if [ "$p" != "$1" ] && [ ! -e "$p" ]; then D=$((D + 1)); mkd "$p" || return 1; D=$((D - 1)); fi
  if [ -e "$p" ] && [ ! -d "$p" ]; then E=ENOTDIR; return 1; fi
  m=$(LC_ALL=C mkdir -- "$1" 2>&1) && return 0
  [ -d "$1" ] && return 0
  errof "$m"; return 1
}
progerr() {
  if [ ! -e "$1" ]; then E=ENOENT; return 1; fi
  if [ ! -f "$1" ] || [ ! -x "$1" ]; then E=EACCES; return 1; fi
  [ -z "$BINFMT" ] || return 0
  [ -r "$1" ] || return 0
  h=; IFS= read -r h <"$1" 2>/dev/null || :
  case $h in '#!'*|"$ELF"*) return 0;; esac
  E=ENOEXEC; return 1
}
wr() {
  if [ -d "$1" ]; then fail "L $2 EISDIR"; fi
  if true 2>/dev/null >"$1"; then return 0; fi
  case $1 in */*) q=@{1%/*};; *) q=.;; esac; [ -n "$q" ] || q=/
  if [ ! -e "$q" ]; then fail "L $2 ENOENT"; elif [ ! -d "$q" ]; then fail "L $2 ENOTDIR"; fi
  fail "L $2 EACCES"
}
D=0
mkd "$WD" || fail "W $D $E"
cd "$WD" 2>/dev/null || fail "L wd EACCES"
BINFMT=; for f in /proc/sys/fs/binfmt_misc/*; do case $f in */register|*/status|*'*') ;; *) BINFMT=1;; esac; done
ELF='@DEL@ELF'
E=
case $EX in
  '') E=ENOENT;;
  */*) progerr "$EX" || :;;
  *) F=; E1=; set -f; oldifs=$IFS; IFS=:
     for d in $JPATH; do
       case $d in ''|*/) c=$d$EX;; *) c=$d/$EX;; esac
       if progerr "$c"; then F=$c; break; fi
       case $E in ENOENT|ENOTDIR) ;; *) [ -n "$E1" ] || E1=$E;; esac
     done
     IFS=$oldifs; set +f
     if [ -n "$F" ]; then E=; else E=@{E1:-ENOENT}; fi;;
esac
[ -z "$E" ] || fail "L exec $E"
if [ -n "$IN" ]; then
  if [ ! -e "$IN" ]; then fail "L stdin ENOENT"; elif [ ! -d "$IN" ] && [ ! -r "$IN" ]; then fail "L stdin EACCES"; fi
fi
[ -z "$OUT" ] || wr "$OUT" stdout
[ -z "$ERR" ] || [ "$MERGE" = 1 ] || wr "$ERR" stderr
[ ! -e "$J" ] || rm -rf "$J"
mkdir -p "$J" 2>/dev/null || { printf 'job directory %s cannot be created\n' "$J" >&2; exit 1; }
now; T0=$t
(
  trap - HUP PIPE
  i=0; while [ "$i" -lt "$N" ]; do i=$((i + 1)); eval "export \"\@{$((i + 12))}\""; done
  shift "$((N + 13))"
  exec 3<&- <"@{IN:-/dev/null}" >"@{OUT:-/dev/null}"
  if [ "$MERGE" = 1 ]; then exec 2>&1; else exec 2>"@{ERR:-/dev/null}"; fi
  if [ "$M" -gt 0 ]; then
    case $EX in *=*) set -- /bin/sh -c 'exec "$@"' sh "$@";; esac
    set -- env "$@"
  fi
  case $TOOL in
    setsid) exec setsid "$@";;
    *) exec perl -e 'setpgrp(0, 0); exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\n"' "$@";;
  esac
) &
PID=$!
echo "$PID" >"$J/pgid"
printf 'S %s %s\n' "$PID" "$T0"
# term REASON: SIGTERM to the job's group, SIGKILL after the grace. The first of cancel / wall time / lost / the
# job's own end creates $J/term (noclobber: O_EXCL) and wins; the others do nothing.
# (Just after the fork the child may not have called setsid yet: no group -PID, so the signal goes to PID.)
term() {
  ( set -C; echo "$1" >"$J/term" ) 2>/dev/null || return 0
  kill -TERM -"$PID" 2>/dev/null || kill -TERM "$PID" 2>/dev/null
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep "$GRACE" & s=$!; wait "$s"; kill -KILL -"$PID" 2>/dev/null || kill -KILL "$PID" 2>/dev/null ) >/dev/null 2>&1 &
  echo "$!" >"$J/killer"
}
TIMER=
if [ -n "$WT" ]; then
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep "$WT" & s=$!; wait "$s"; term walltime ) >/dev/null 2>&1 &
  TIMER=$!
fi
(
  while IFS= read -r c; do
    case $c in TERM) term cancel;; OK) exit 0;; esac
  done
  [ "$KEEP" = 1 ] || term lost
  exit 1
) <&3 >/dev/null 2>&1 &
READER=$!
exec 3<&-
wait "$PID"; CODE=$?
now
R=
set -C
if { echo end >"$J/term"; } 2>/dev/null; then set +C; else
  set +C
  kill -KILL -"$PID" 2>/dev/null
  IFS= read -r R <"$J/term" 2>/dev/null || R=
  k=; IFS= read -r k <"$J/killer" 2>/dev/null || :; [ -z "$k" ] || kill "$k" 2>/dev/null
fi
[ -z "$TIMER" ] || kill "$TIMER" 2>/dev/null
[ "$CODE" -le 128 ] || CODE=$((128 - CODE))
printf 'X %s %s %s\n' "$CODE" "$t" "$R"
echo "$CODE" >"$J/exit.tmp" && mv -f "$J/exit.tmp" "$J/exit"
# the manager read the exit (OK): nothing to recover, the directory goes; else it stays for recovery
if wait "$READER"; then rm -rf "$J"; fi
`
    .replaceAll('@{', '${')
    .replaceAll('@DEL@', '\x7f'); // the ELF magic's first byte, literally: no $(printf) fork per job
/** Names bash keeps read-only or special: never `export`ed by the wrapper (they go through env(1)). */
const SHELL_SPECIAL = /^(UID|EUID|PPID|SHELLOPTS|BASHOPTS|BASH_.*|GROUPS|FUNCNAME|LINENO|RANDOM|SECONDS|OPTIND|OPTARG|IFS|PS[1-4]|ENV|_)$/;
/** The positional parameters of the wrapper for one launch (see SCRIPT). */
export function plainArgs(cmd, o) {
    const join = (p) => (p.startsWith('/') ? p : `${cmd.wd.replace(/\/$/, '')}/${p}`);
    const merge = !!cmd.stdout && !!cmd.stderr && join(cmd.stdout) === join(cmd.stderr);
    const exported = [];
    const other = [];
    for (const [k, v] of Object.entries(cmd.env ?? {})) {
        if (k === '' || k.includes('=') || k.includes('\0') || v.includes('\0'))
            continue; // not representable in an environment
        (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !SHELL_SPECIAL.test(k) ? exported : other).push(`${k}=${v}`);
    }
    const seconds = (ms) => String(Math.max(ms, 0) / 1000);
    return [
        o.jobDir,
        cmd.wd,
        cmd.stdin ?? '',
        cmd.stdout ?? '',
        merge ? '' : (cmd.stderr ?? ''),
        merge ? '1' : '0',
        cmd.wallTimeMs !== undefined && cmd.wallTimeMs !== null ? seconds(cmd.wallTimeMs) : '',
        seconds(cmd.killGraceMs ?? 10_000),
        o.keepOnLoss ? '1' : '0',
        o.tool,
        cmd.env?.PATH !== undefined ? `=${cmd.env.PATH}` : '',
        String(exported.length),
        ...exported,
        String(other.length),
        ...other,
        cmd.exec,
        ...(cmd.args ?? []),
    ];
}
/** The exec request's command line: `exec /bin/sh -c <wrapper> pilotmq-job <args…>`, every word quoted. */
export function plainCommand(cmd, o) {
    return ['exec', '/bin/sh', '-c', SCRIPT, 'pilotmq-job', ...plainArgs(cmd, o)].map(shellQuote).join(' ');
}
export function parseWrapperLine(line) {
    const f = line.split(' ');
    const ns = (s) => (s && /^\d+$/.test(s) ? BigInt(s) : undefined);
    switch (f[0]) {
        case 'W':
            return { t: 'W', depth: Number(f[1]), error: f.slice(2).join(' ') };
        case 'L':
            if (!['exec', 'stdin', 'stdout', 'stderr', 'wd'].includes(f[1]))
                return undefined;
            return { t: 'L', what: f[1], error: f.slice(2).join(' ') };
        case 'S':
            return /^\d+$/.test(f[1] ?? '') ? { t: 'S', pid: Number(f[1]), ns: ns(f[2]) } : undefined;
        case 'X': {
            if (!/^-?\d+$/.test(f[1] ?? ''))
                return undefined;
            const r = f[3];
            return { t: 'X', code: Number(f[1]), ns: ns(f[2]), ...(r === 'walltime' || r === 'cancel' || r === 'lost' ? { reason: r } : {}) };
        }
    }
    return undefined;
}
//# sourceMappingURL=plain-wrapper.js.map