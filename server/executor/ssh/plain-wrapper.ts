/**
 * Plain mode's job wrapper: a fixed POSIX sh script run on an SSH host for ONE job per exec channel, for hosts
 * without a suitable Node.js. It does what the node agent does for a launch (same checks, same order, same
 * errors: wd created, program resolved in the job's PATH, stdin/stdout/stderr opened; own process group; wall
 * time; SIGTERM to the group on cancel, SIGKILL after the grace) and keeps the job directory of ./job-dir.ts.
 *
 * Nothing job-specific is ever part of shell code: the script is a constant, and every value (paths, argv,
 * environment) is one positional parameter, single-quoted by shellQuote for the login shell that sshd runs the
 * command with; the script only ever expands them inside double quotes.
 *
 * Launch or attach. The wrapper first creates the job directory with mkdir, which only one process can do: that
 * wrapper launches the job. The same command sent again (the manager after a lost connection: it cannot know
 * whether the first one got there) finds the directory and ATTACHES instead: it reports from the job directory
 * what the launching wrapper records there (started, ended, a launch error), following it with a cheap poll,
 * and takes TERM/OK like the launching one. So a job runs at most once, and a launch that never reached the host
 * runs now. The launching wrapper does not depend on its channel: with ORPHAN set, it leaves the job running
 * when the channel goes (sshd killed, network gone), and terminates it (reason hostLost) only when the manager's
 * heartbeat (<instance dir>/heartbeat, written by ./plain-host.ts's keeper) has not changed for ORPHAN seconds.
 *
 * Channel protocol. Wrapper → manager (stdout, one line each):
 *   W <depth> <error>          the wd could not be created: the component <depth> levels above wd failed
 *   L <what> <error>           launch failed before the job ran; what = exec|stdin|stdout|stderr
 *   S <pid> <epoch ns|->       the job runs (pid = its process group); an attaching wrapper repeats it
 *   X <code> <epoch ns|-> [walltime|cancel|lost|hostLost]   it ended; code -N = killed by signal N
 *   U killed|gone              (attaching) the launching wrapper died before the job's end: the job was killed
 *                              now, or had already ended; its exit status is unknown
 * where <error> is an errno name (ENOENT…) from the wrapper's own tests or the strerror text mkdir printed.
 * Manager → wrapper (stdin): `TERM` terminate the job (cancel), `OK` the outcome was received: remove the job
 * dir. End of stdin while the job runs (manager or connection gone): without ORPHAN the job is terminated
 * (reason lost), as the node agent does on stdin EOF; with ORPHAN it runs on, and the job dir stays.
 */
import type { TaskLaunch } from '../../core/launch.js';
import { shellQuote } from './connection.js';

/** How the host starts a process in a new session / process group (probed once per host). */
export type SetsidTool = 'setsid' | 'perl';

/** an attaching wrapper looks at the job directory this often (s) */
const ATTACH_POLL_S = 0.5;

/**
 * The wrapper script ($0 is `pilotmq-job`). Its positional parameters, all from plainArgs():
 *   1 job dir   2 wd   3 stdin   4 stdout   5 stderr ('' = /dev/null)   6 stderr into stdout (1/0)
 *   7 wall time s ('' = none)   8 kill grace s   9 ORPHAN s ('' = terminate the job when the channel goes)
 *   10 setsid tool   11 `=` + the job's PATH, or '' (the session's)   12 N, then N exportable NAME=VALUE,
 *   then M, then M other NAME=VALUE (given to env(1)), then the program and its arguments.
 * `eval` only ever sees text made of numbers (`export "${13}"`, `EX=${20}`), never a value.
 * Files of the job dir besides pgid/exit/reason (./job-dir.ts): wrapper (the launching wrapper's pid), start and
 * end (epoch ns), launch (the W/L line of a launch error), term (who terminates the job: first one wins), killer,
 * helpers (pids of its wall-time and orphan timers: `$h` unquoted there is a list of numbers).
 */
const SCRIPT = String.raw`set -u
J=$1 WD=$2 IN=$3 OUT=$4 ERR=$5 MERGE=$6 WT=$7 GRACE=$8 ORPHAN=$9 TOOL=@{10} JPATH=@{11} N=@{12}
trap '' HUP PIPE
exec 3<&0 </dev/null
PID=
# ours PID WORD: PID is alive and (where /proc tells) a process of ours with WORD in its command line, not a
# process that got the pid of a dead one
ours() { kill -0 "$1" 2>/dev/null || return 1; [ -r "/proc/$1/cmdline" ] || return 0; tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$2"; }
# the outcome is with the manager (OK): the job dir goes; stdin closed: it stays, for recovery
acked() { while IFS= read -r c <&3; do [ "$c" != OK ] || { rm -rf "$J"; exit 0; }; done; exit 0; }
# hit: SIGTERM to the job's group, SIGKILL after the grace (just after the fork the child may not have called
# setsid yet: no group -PID, so the signal goes to PID)
hit() {
  kill -TERM -"$PID" 2>/dev/null || kill -TERM "$PID" 2>/dev/null
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep "$GRACE" & s=$!; wait "$s"; kill -KILL -"$PID" 2>/dev/null || kill -KILL "$PID" 2>/dev/null ) >/dev/null 2>&1 &
  echo "$!" >"$J/killer"
}
# term REASON: the first of cancel / wall time / lost / the job's own end creates $J/term (noclobber: O_EXCL)
# and wins; the others do nothing. Before the job exists, the launching wrapper finds $J/term and hits it then.
term() {
  ( set -C; echo "$1" >"$J/term" ) 2>/dev/null || return 0
  [ -n "$PID" ] || { IFS= read -r PID 2>/dev/null <"$J/pgid" || PID=; }
  [ -z "$PID" ] || hit
}
reader() {
  (
    while IFS= read -r c; do
      case $c in TERM) term cancel;; OK) exit 0;; esac
    done
    [ -n "$ORPHAN" ] || term lost
    exit 1
  ) <&3 >/dev/null 2>&1 &
  READER=$!
  exec 3<&-
}
[ -d "@{J%/*}" ] || mkdir -p "@{J%/*}" 2>/dev/null
if ! mkdir "$J" 2>/dev/null; then
  [ -d "$J" ] || { printf 'job directory %s cannot be created\n' "$J" >&2; exit 1; }
  # attach: the job is another wrapper's (launched, or being launched); report what it records
  reader
  S= i=0 w=
  while :; do
    if [ -e "$J/launch" ]; then IFS= read -r l <"$J/launch"; printf '%s\n' "$l"; break; fi
    if [ -z "$S" ] && IFS= read -r p 2>/dev/null <"$J/pgid" && [ -n "$p" ]; then
      st=-; IFS= read -r st 2>/dev/null <"$J/start" || st=-
      printf 'S %s %s\n' "$p" "$st"; S=$p
    fi
    if [ -e "$J/exit" ]; then
      IFS= read -r code <"$J/exit"; en=-; IFS= read -r en 2>/dev/null <"$J/end" || en=-
      r=; IFS= read -r r 2>/dev/null <"$J/reason" || r=
      printf 'X %s %s %s\n' "$code" "$en" "$r"; break
    fi
    if [ -z "$w" ]; then IFS= read -r w 2>/dev/null <"$J/wrapper" || w=; [ -z "$w" ] || ours "$w" " pilotmq-job $J " || w=-; fi
    if [ -n "$w" ] && { [ "$w" = - ] || ! kill -0 "$w" 2>/dev/null; } && [ ! -e "$J/exit" ] && [ ! -e "$J/launch" ]; then
      # the launching wrapper died: nobody can wait for the job any more, it must not go on unobserved
      if [ -z "$S" ]; then IFS= read -r S 2>/dev/null <"$J/pgid" || S=; fi
      h=; IFS= read -r h 2>/dev/null <"$J/helpers" || h=; [ -z "$h" ] || kill $h 2>/dev/null
      if [ -n "$S" ] && kill -0 -"$S" 2>/dev/null; then kill -KILL -"$S" 2>/dev/null; echo 'U killed'; else echo 'U gone'; fi
      break
    fi
    if [ -z "$w" ]; then i=$((i + 1)); [ "$i" -lt 20 ] || { echo 'U gone'; break; }; fi
    kill -0 "$READER" 2>/dev/null || exit 0
    sleep @ATTACH_POLL@
  done
  if wait "$READER"; then rm -rf "$J"; fi
  exit 0
fi
echo "$$" >"$J/wrapper"
case $JPATH in =*) JPATH=@{JPATH#=};; *) JPATH=@{PATH-/bin:/usr/bin};; esac
eval "M=\@{$((N + 13))}"; eval "EX=\@{$((N + M + 14))}"
now() { t=$(date +%s%N 2>/dev/null) || t=-; case $t in ''|*[!0-9]*) t=-;; esac; }
fail() { printf '%s\n' "$1" >"$J/launch.tmp" && mv -f "$J/launch.tmp" "$J/launch"; printf '%s\n' "$1"; acked; }
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
  h=; IFS= read -r h 2>/dev/null <"$1" || :
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
now; T0=$t
(
  trap - HUP PIPE
  exec 3<&-
  i=0; while [ "$i" -lt "$N" ]; do i=$((i + 1)); eval "export \"\@{$((i + 12))}\""; done
  shift "$((N + 13))"
  exec <"@{IN:-/dev/null}" >"@{OUT:-/dev/null}"
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
echo "$T0" >"$J/start"
printf 'S %s %s\n' "$PID" "$T0"
# a cancel through an attaching wrapper before the job existed
[ ! -e "$J/term" ] || hit
TIMER=
if [ -n "$WT" ]; then
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep "$WT" & s=$!; wait "$s"; term walltime ) >/dev/null 2>&1 &
  TIMER=$!
fi
DOG=
if [ -n "$ORPHAN" ]; then
  # no manager: the heartbeat unchanged for ORPHAN s (or gone) terminates the job; ends with this wrapper
  HB=@{J%/*/*}/heartbeat
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; last=-
    while kill -0 "$$" 2>/dev/null; do
      sleep "$ORPHAN" & s=$!; wait "$s"
      hb=; IFS= read -r hb 2>/dev/null <"$HB" || hb=
      if [ "$hb" != "$last" ]; then last=$hb; continue; fi
      term hostLost; exit 0
    done ) >/dev/null 2>&1 &
  DOG=$!
fi
# whoever finds this wrapper dead ends its helpers too (an attaching wrapper, a new session's keeper)
echo "$TIMER $DOG" >"$J/helpers"
reader
wait "$PID"; CODE=$?
now
R=
set -C
if { echo end >"$J/term"; } 2>/dev/null; then set +C; else
  set +C
  kill -KILL -"$PID" 2>/dev/null
  IFS= read -r R 2>/dev/null <"$J/term" || R=
  k=; IFS= read -r k 2>/dev/null <"$J/killer" || :; [ -z "$k" ] || kill "$k" 2>/dev/null
fi
[ -z "$TIMER" ] || kill "$TIMER" 2>/dev/null
[ -z "$DOG" ] || kill "$DOG" 2>/dev/null
[ "$CODE" -le 128 ] || CODE=$((128 - CODE))
case $R in lost|hostLost) echo hostLost >"$J/reason";; cancel|walltime) echo "$R" >"$J/reason";; esac
echo "$t" >"$J/end"
printf 'X %s %s %s\n' "$CODE" "$t" "$R"
echo "$CODE" >"$J/exit.tmp" && mv -f "$J/exit.tmp" "$J/exit"
# no manager heard for long: nobody will read this channel again (a stale connection may never close)
if [ "$R" = hostLost ]; then kill "$READER" 2>/dev/null; exit 0; fi
# the manager read the exit (OK): nothing to recover, the directory goes; else it stays for recovery
if wait "$READER"; then rm -rf "$J"; fi
`
  .replaceAll('@{', '${')
  .replaceAll('@ATTACH_POLL@', String(ATTACH_POLL_S))
  .replaceAll('@DEL@', '\x7f'); // the ELF magic's first byte, literally: no $(printf) fork per job

export interface WrapperOptions {
  /** the job directory (./job-dir.ts) */
  jobDir: string;
  tool: SetsidTool;
  /**
   * seconds without a change of the host's heartbeat file after which the job is terminated (reason hostLost);
   * the job then outlives its channel. Unset: the job is terminated when its channel closes.
   */
  orphanS?: number;
}

/** Names bash keeps read-only or special: never `export`ed by the wrapper (they go through env(1)). */
const SHELL_SPECIAL = /^(UID|EUID|PPID|SHELLOPTS|BASHOPTS|BASH_.*|GROUPS|FUNCNAME|LINENO|RANDOM|SECONDS|OPTIND|OPTARG|IFS|PS[1-4]|ENV|_)$/;

/** The positional parameters of the wrapper for one launch (see SCRIPT). */
export function plainArgs(cmd: Omit<TaskLaunch, 'pname' | 'node'>, o: WrapperOptions): string[] {
  const join = (p: string) => (p.startsWith('/') ? p : `${cmd.wd.replace(/\/$/, '')}/${p}`);
  const merge = !!cmd.stdout && !!cmd.stderr && join(cmd.stdout) === join(cmd.stderr);
  const exported: string[] = [];
  const other: string[] = [];
  for (const [k, v] of Object.entries(cmd.env ?? {})) {
    if (k === '' || k.includes('=') || k.includes('\0') || v.includes('\0')) continue; // not representable in an environment
    (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !SHELL_SPECIAL.test(k) ? exported : other).push(`${k}=${v}`);
  }
  const seconds = (ms: number) => String(Math.max(ms, 0) / 1000);
  return [
    o.jobDir,
    cmd.wd,
    cmd.stdin ?? '',
    cmd.stdout ?? '',
    merge ? '' : (cmd.stderr ?? ''),
    merge ? '1' : '0',
    cmd.wallTimeMs !== undefined && cmd.wallTimeMs !== null ? seconds(cmd.wallTimeMs) : '',
    seconds(cmd.killGraceMs ?? 10_000),
    o.orphanS !== undefined ? String(o.orphanS) : '',
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
export function plainCommand(cmd: Omit<TaskLaunch, 'pname' | 'node'>, o: WrapperOptions): string {
  return ['exec', '/bin/sh', '-c', SCRIPT, 'pilotmq-job', ...plainArgs(cmd, o)].map(shellQuote).join(' ');
}

/** One line of the wrapper's stdout. */
export type WrapperLine =
  | { t: 'W'; depth: number; error: string }
  | { t: 'L'; what: 'exec' | 'stdin' | 'stdout' | 'stderr' | 'wd'; error: string }
  | { t: 'S'; pid: number; ns?: bigint }
  | { t: 'X'; code: number; ns?: bigint; reason?: 'walltime' | 'cancel' | 'lost' | 'hostLost' }
  | { t: 'U'; killed: boolean };

export function parseWrapperLine(line: string): WrapperLine | undefined {
  const f = line.split(' ');
  const ns = (s: string | undefined) => (s && /^\d+$/.test(s) ? BigInt(s) : undefined);
  switch (f[0]) {
    case 'W':
      return { t: 'W', depth: Number(f[1]), error: f.slice(2).join(' ') };
    case 'L':
      if (!['exec', 'stdin', 'stdout', 'stderr', 'wd'].includes(f[1])) return undefined;
      return { t: 'L', what: f[1] as 'exec', error: f.slice(2).join(' ') };
    case 'S':
      return /^\d+$/.test(f[1] ?? '') ? { t: 'S', pid: Number(f[1]), ns: ns(f[2]) } : undefined;
    case 'X': {
      if (!/^-?\d+$/.test(f[1] ?? '')) return undefined;
      const r = f[3];
      return { t: 'X', code: Number(f[1]), ns: ns(f[2]), ...(r === 'walltime' || r === 'cancel' || r === 'lost' || r === 'hostLost' ? { reason: r } : {}) };
    }
    case 'U':
      return f[1] === 'killed' || f[1] === 'gone' ? { t: 'U', killed: f[1] === 'killed' } : undefined;
  }
  return undefined;
}

/**
 * The keeper: plain mode's one long-lived channel per host (./plain-host.ts), `$1` the instance dir
 * (`<root>/<InstanceId>`), `$2` the manager's session. A new session first kills what an earlier one left
 * running there (job groups and their wrappers) and removes its job directories, as the agent does on attach;
 * then `ready`, then every line from the manager (a heartbeat counter) is written to `<instance dir>/heartbeat`,
 * which the wrappers' orphan clocks watch, and echoed back (the manager's proof that the host answers).
 */
const KEEPER = String.raw`set -u
D=$1 S=$2
trap '' HUP PIPE
ours() { kill -0 "$1" 2>/dev/null || return 1; [ -r "/proc/$1/cmdline" ] || return 0; tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$2"; }
mkdir -p "$D/jobs" || exit 1
# the keeper before this one listens on a connection the manager gave up (a network failure may leave it open)
k=; IFS= read -r k 2>/dev/null <"$D/keeper" || k=
[ -z "$k" ] || ! ours "$k" " pilotmq-keeper $D " || kill "$k" 2>/dev/null
echo "$$" >"$D/keeper"
old=; IFS= read -r old 2>/dev/null <"$D/session" || old=
if [ "$old" != "$S" ]; then
  for j in "$D"/jobs/*; do
    [ -d "$j" ] || continue
    w=; IFS= read -r w 2>/dev/null <"$j/wrapper" || w=
    p=; IFS= read -r p 2>/dev/null <"$j/pgid" || p=
    h=; IFS= read -r h 2>/dev/null <"$j/helpers" || h=
    if [ -n "$w" ] && ours "$w" " $j "; then kill -KILL "$w" 2>/dev/null; [ -z "$h" ] || kill $h 2>/dev/null; fi
    [ -z "$p" ] || kill -KILL -"$p" 2>/dev/null
  done
  rm -rf "$D/jobs" && mkdir -p "$D/jobs" || exit 1
  echo "$S" >"$D/session.tmp" && mv -f "$D/session.tmp" "$D/session" || exit 1
fi
echo ready
while IFS= read -r n; do
  echo "$n" >"$D/heartbeat.tmp" && mv -f "$D/heartbeat.tmp" "$D/heartbeat"
  printf '%s\n' "$n"
done
`;

/** The keeper's exec command line (see KEEPER), every word quoted. */
export function keeperCommand(instanceDir: string, session: string): string {
  return ['exec', '/bin/sh', '-c', KEEPER, 'pilotmq-keeper', instanceDir, session].map(shellQuote).join(' ');
}

/**
 * Seconds a plain-mode job may go without a heartbeat before its wrapper terminates it: the wrapper notices
 * within two such periods, so the job ends within 90 % of the host's give-up time (as the agent's orphan time).
 */
export function plainOrphanS(giveUpAfterMs: number): number {
  return Math.max(0.05, Math.floor(giveUpAfterMs * 0.45) / 1000);
}
