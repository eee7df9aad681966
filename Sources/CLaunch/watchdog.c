#define _GNU_SOURCE
#include "clauncher.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

// The watchdog is a forked copy of the runner that does nothing but wait. The runner holds the
// write end of a pipe and tells it, four bytes at a time, which sessions it started (+id) and
// which have ended (-id). When the runner dies in any way (SIGKILL and the OOM killer included)
// the kernel closes that write end, the watchdog reads end-of-file and SIGKILLs every process
// still in those sessions or process groups. A fork of a threaded process may only make
// async-signal-safe calls, so the child uses system calls and nothing else (no malloc, no stdio).

enum { max_ids = 256 };

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static int parse_int(const char *s, long *out) {
  long v = 0;
  if (*s < '0' || *s > '9') return 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9') return 0;
    v = v * 10 + (*s - '0');
  }
  *out = v;
  return 1;
}

// Fields after the command name in /proc/<pid>/stat: state ppid pgrp session.
static int read_ids(long pid, long *pgrp, long *session) {
  char path[64] = "/proc/";
  int n = 6;
  char digits[24];
  int d = 0;
  do {
    digits[d++] = (char)('0' + pid % 10);
    pid /= 10;
  } while (pid > 0);
  while (d > 0) path[n++] = digits[--d];
  const char *tail = "/stat";
  for (int i = 0; tail[i]; i++) path[n++] = tail[i];
  path[n] = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[512];
  ssize_t len = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (len <= 0) return 0;
  buf[len] = 0;
  char *close_paren = 0;
  for (char *p = buf; *p; p++)
    if (*p == ')') close_paren = p;
  if (!close_paren) return 0;
  long fields[4] = {0};
  int field = -1;
  char *p = close_paren + 1;
  while (*p && field < 3) {
    while (*p == ' ') p++;
    field++;
    if (field == 0) {  // state, a letter; zombies need no killing
      if (*p == 'Z') return 0;
      while (*p && *p != ' ') p++;
      continue;
    }
    long v = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    fields[field] = v;
  }
  *pgrp = fields[2];
  *session = fields[3];
  return 1;
}

static void kill_tracked(const pid_t *ids) {
  int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (proc < 0) return;
  char buf[4096];
  for (;;) {
    long n = syscall(SYS_getdents64, proc, buf, sizeof buf);
    if (n <= 0) break;
    for (long off = 0; off < n;) {
      struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
      off += e->d_reclen;
      long pid, pgrp, session;
      if (!parse_int(e->d_name, &pid) || !read_ids(pid, &pgrp, &session)) continue;
      for (int i = 0; i < max_ids; i++) {
        if (ids[i] > 0 && (ids[i] == session || ids[i] == pgrp)) {
          kill((pid_t)pid, SIGKILL);
          break;
        }
      }
    }
  }
  close(proc);
}

int wb_watchdog_start(void) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid > 0) {
    close(fds[0]);
    return fds[1];
  }
  // The watchdog. Its own session: a closed terminal or a Ctrl-C to the runner's process group
  // must not end it before it has done its work.
  setsid();
  int devnull = open("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3; fd++) dup2(devnull, fd);
  // Hold nothing the runner had open (a lock, a pipe someone reads to its end, above all the
  // write end of our own pipe), except the read end, moved to fd 3.
  int keep = 3;
  if (fds[0] != keep) dup2(fds[0], keep);
  if (syscall(SYS_close_range, 4u, ~0u, 0u) != 0)
    for (int fd = 4; fd < 65536; fd++) close(fd);
  pid_t ids[max_ids] = {0};
  for (;;) {
    int32_t v;
    ssize_t n = read(keep, &v, sizeof v);
    if (n < 0 && errno == EINTR) continue;
    if (n != (ssize_t)sizeof v) break;
    if (v > 0) {
      for (int i = 0; i < max_ids; i++)
        if (ids[i] == 0) {
          ids[i] = v;
          break;
        }
    } else {
      for (int i = 0; i < max_ids; i++)
        if (ids[i] == -v) ids[i] = 0;
    }
  }
  // Twice: a process may have started another between the scan and the kill.
  kill_tracked(ids);
  kill_tracked(ids);
  _exit(0);
}

void wb_watchdog_track(int fd, int32_t id) {
  if (fd < 0) return;
  ssize_t ignored = write(fd, &id, sizeof id);
  (void)ignored;
}

int wb_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
  return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
