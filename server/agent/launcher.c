/*
 * pilotmq-launcher: the agent's fast path for starting job processes.
 *
 * Why: Node's spawn() forks the whole Node process (page tables of a ~40 MB heap) and waits for the exec,
 * which caps a Node agent at ~900 spawns/s on 2 cores. glibc's posix_spawn() uses clone(CLONE_VFORK) from
 * this tiny process instead, so starting a job costs about what `xargs -P` pays.
 *
 * The agent (agent.ts) keeps every decision (paths, environment, cancel, wall time, process groups); this
 * program only spawns and reaps. It is optional: without a C compiler the agent spawns with Node.
 *
 * Protocol on stdin (from the agent), one frame per launch:
 *   u32 little-endian payload length, then NUL-terminated strings:
 *   id, after, cwd, stdin path, stdout path, stderr path (absolute, "" = /dev/null), program (absolute path),
 *   argc, argv..., envc, env...
 *   `after`: "" or the id of an earlier launch: while that process runs (or is itself held), the frame is held
 *   and spawned the moment that one is reaped or fails to spawn (a chained launch: the next task takes the cores
 *   the moment they free; chains may be several launches deep).
 * or a frame "!", id: drop the held chained launch `id` (reported as E <id> <ECANCELED> cancel); a launch held
 *   after it is then held after what `id` was held after.
 * Reports on stdout, one line each:
 *   S <id> <pid>                       spawned (pid leads a new session and process group)
 *   E <id> <errno> <what>              not spawned; what = exec | stdin | stdout | stderr | cwd | cancel
 *   X <pid> <exit code> <signal> <us>  exited: code (or -1 when killed), signal (0 when none), µs since spawn
 * On stdin EOF every process group still alive gets SIGTERM, SIGKILL 3 s later, then the launcher exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CHILDREN 65536

struct child { pid_t pid; uint64_t start_us; char id[24]; };
static struct child children[MAX_CHILDREN];
static int nchildren = 0;

/* chained launches held until the child `after` is reaped (at most one per running child) */
struct held { char after[24]; char id[24]; char *frame; size_t len; };
static struct held held[MAX_CHILDREN];
static int nheld = 0;

static char out[1 << 16];
static size_t outlen = 0;
/*
 * Reports go out at most once per COALESCE_US while they flow: each write wakes the agent, which costs more
 * than the lines themselves; the tasks chained in hand keep the cores busy meanwhile.
 */
#define COALESCE_US 1000u
static uint64_t last_flush_us = 0;

static void flush_out(void) {
  size_t off = 0;
  while (off < outlen) {
    ssize_t n = write(1, out + off, outlen - off);
    if (n < 0) { if (errno == EINTR) continue; _exit(1); }
    off += (size_t)n;
  }
  outlen = 0;
}

static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *fmt, ...) {
  if (outlen > sizeof(out) - 256) flush_out();
  va_list ap;
  va_start(ap, fmt);
  outlen += (size_t)vsnprintf(out + outlen, sizeof(out) - outlen, fmt, ap);
  va_end(ap);
}

static uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static int open_std(const char *path, int flags) {
  if (!*path) path = "/dev/null";
  return open(path, flags | O_CLOEXEC, 0644);
}

/* Parse NUL-separated strings of one frame into a vector (pointers into the frame). */
static int split(char *p, size_t len, char **v, int max) {
  int n = 0;
  char *end = p + len;
  while (p < end && n < max) {
    v[n++] = p;
    p += strlen(p) + 1;
  }
  return n;
}

/* whether launch `id` is running or itself held: what comes after it must wait */
static int pending(const char *id) {
  for (int i = 0; i < nchildren; i++) if (strcmp(children[i].id, id) == 0) return 1;
  for (int i = 0; i < nheld; i++) if (strcmp(held[i].id, id) == 0) return 1;
  return 0;
}

static void spawn_frame(char *frame, size_t len);
static void release_held(const char *id);

/* A launch frame: spawn now, or hold it while the child it comes after still runs. */
static void on_frame(char *frame, size_t len) {
  static char *v[4];
  int n = split(frame, len, v, 4);
  if (n >= 2 && strcmp(v[0], "!") == 0) {
    for (int i = 0; i < nheld; i++) {
      if (strcmp(held[i].id, v[1]) != 0) continue;
      struct held h = held[i];
      held[i] = held[--nheld];
      emit("E %s %d cancel\n", h.id, ECANCELED);
      free(h.frame);
      /* what came after it now waits for what it waited for (a held frame's predecessor is still pending) */
      for (int j = 0; j < nheld; j++) if (strcmp(held[j].after, h.id) == 0) strcpy(held[j].after, h.after);
      break;
    }
    return;
  }
  if (n >= 2 && *v[1] && pending(v[1]) && nheld < MAX_CHILDREN && strlen(v[0]) < 24 && strlen(v[1]) < 24) {
    struct held *h = &held[nheld];
    h->frame = malloc(len);
    if (h->frame) {
      memcpy(h->frame, frame, len);
      h->len = len;
      strcpy(h->after, v[1]);
      strcpy(h->id, v[0]);
      nheld++;
      return;
    }
  }
  spawn_frame(frame, len);
}

/* The held launch coming after the child `id`, spawned now that it has been reaped. */
static void release_held(const char *id) {
  for (int i = 0; i < nheld; i++) {
    if (strcmp(held[i].after, id) != 0) continue;
    struct held h = held[i];
    held[i] = held[--nheld];
    spawn_frame(h.frame, h.len);
    free(h.frame);
    return;
  }
}

static void spawn_frame(char *frame, size_t len) {
  static char *v[1 << 16];
  int n = split(frame, len, v, (int)(sizeof(v) / sizeof(v[0])) - 2);
  if (n < 9) return;
  const char *id = v[0], *cwd = v[2], *in = v[3], *o = v[4], *e = v[5], *prog = v[6];
  int argc = atoi(v[7]);
  if (argc < 1 || 8 + argc >= n) return;
  char **argv = &v[8];
  int envc = atoi(v[8 + argc]);
  char **envp = &v[9 + argc];
  if (9 + argc + envc > n) return;
  char *saved_arg = argv[argc], *saved_env = envp[envc];
  int failed = 0;
  argv[argc] = NULL;
  envp[envc] = NULL;

  int fin = open_std(in, O_RDONLY);
  if (fin < 0) { emit("E %s %d stdin\n", id, errno); goto fail; }
  int fout = open_std(o, O_WRONLY | O_CREAT | O_TRUNC);
  if (fout < 0) { emit("E %s %d stdout\n", id, errno); close(fin); goto fail; }
  int ferr = (*e && strcmp(e, o) == 0) ? fout : open_std(e, O_WRONLY | O_CREAT | O_TRUNC);
  if (ferr < 0) { emit("E %s %d stderr\n", id, errno); close(fin); close(fout); goto fail; }

  posix_spawn_file_actions_t fa;
  posix_spawnattr_t at;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fin, 0);
  posix_spawn_file_actions_adddup2(&fa, fout, 1);
  posix_spawn_file_actions_adddup2(&fa, ferr, 2);
  posix_spawn_file_actions_addchdir_np(&fa, cwd);
  posix_spawnattr_init(&at);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&at, &none);
  posix_spawnattr_setsigdefault(&at, &all);
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid;
  int rc = posix_spawn(&pid, prog, &fa, &at, argv, envp);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&at);
  close(fin);
  close(fout);
  if (ferr != fout) close(ferr);
  if (rc != 0) {
    emit("E %s %d exec\n", id, rc);
    failed = 1;
  } else {
    if (nchildren < MAX_CHILDREN && strlen(id) < sizeof children[0].id) {
      children[nchildren] = (struct child){ pid, now_us(), "" };
      strcpy(children[nchildren++].id, id);
    }
    emit("S %s %d\n", id, (int)pid);
  }
  goto restore;
fail:
  failed = 1;
restore:
  argv[argc] = saved_arg;
  envp[envc] = saved_env;
  /* never started: what came after it may start (last: this reuses the static argument vector) */
  if (failed) release_held(id);
}

static void reap(void) {
  int st;
  pid_t pid;
  while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
    uint64_t start = 0;
    char id[24] = "";
    for (int i = 0; i < nchildren; i++) {
      if (children[i].pid == pid) {
        start = children[i].start_us;
        strcpy(id, children[i].id);
        children[i] = children[--nchildren];
        break;
      }
    }
    uint64_t us = start ? now_us() - start : 0;
    if (WIFEXITED(st)) emit("X %d %d 0 %llu\n", (int)pid, WEXITSTATUS(st), (unsigned long long)us);
    else if (WIFSIGNALED(st)) emit("X %d -1 %d %llu\n", (int)pid, WTERMSIG(st), (unsigned long long)us);
    if (*id) release_held(id); /* after the X line: the agent learns of the exit before the next start */
  }
}

static void terminate_all(int sfd) {
  for (int i = 0; i < nheld; i++) free(held[i].frame); /* never started: the agent is gone */
  nheld = 0;
  for (int i = 0; i < nchildren; i++) kill(-children[i].pid, SIGTERM);
  uint64_t deadline = now_us() + 3000000u;
  while (nchildren > 0 && now_us() < deadline) {
    struct pollfd p = { sfd, POLLIN, 0 };
    if (poll(&p, 1, 100) > 0) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {}
    }
    reap();
  }
  for (int i = 0; i < nchildren; i++) kill(-children[i].pid, SIGKILL);
  reap();
  flush_out();
}

int main(void) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (sfd < 0) { perror("signalfd"); return 1; }
  signal(SIGPIPE, SIG_IGN);
  fcntl(0, F_SETFD, FD_CLOEXEC);
  fcntl(1, F_SETFD, FD_CLOEXEC);

  size_t cap = 1 << 20, len = 0;
  char *buf = malloc(cap);
  if (!buf) return 1;
  for (;;) {
    int timeout = -1;
    if (outlen) {
      uint64_t now = now_us();
      if (now >= last_flush_us + COALESCE_US) {
        flush_out();
        last_flush_us = now;
      } else {
        timeout = (int)((last_flush_us + COALESCE_US - now + 999) / 1000);
      }
    }
    struct pollfd p[2] = { { 0, POLLIN, 0 }, { sfd, POLLIN, 0 } };
    int ready = poll(p, 2, timeout);
    if (ready < 0) { if (errno == EINTR) continue; break; }
    if (ready == 0) continue; /* time to flush */
    if (p[1].revents & POLLIN) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {}
      reap();
    }
    if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      if (cap - len < 65536) {
        cap *= 2;
        buf = realloc(buf, cap);
        if (!buf) return 1;
      }
      ssize_t n = read(0, buf + len, cap - len);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        terminate_all(sfd);
        return 0;
      }
      len += (size_t)n;
      size_t off = 0;
      while (len - off >= 4) {
        uint32_t flen;
        memcpy(&flen, buf + off, 4);
        if (len - off - 4 < flen) {
          if (flen + 4 > cap) { cap = flen + 4 + (1 << 16); buf = realloc(buf, cap); if (!buf) return 1; }
          break;
        }
        on_frame(buf + off + 4, flen);
        off += 4 + flen;
      }
      memmove(buf, buf + off, len - off);
      len -= off;
    }
  }
  return 0;
}
