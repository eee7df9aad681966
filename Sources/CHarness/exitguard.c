#define _GNU_SOURCE
#include "charness.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t armed = 0;
static int registered = 0;
static char marker[4096];

static void guard(int status, void *unused) {
  (void)unused;
  if (!armed) return;
  armed = 0;
  int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd >= 0) {
    dprintf(fd, "%d\n", status);
    close(fd);
  }
  dprintf(2, "ERROR exit(%d) was called before the checks finished\n", status);
  // Handlers registered later run first, so this one runs before MPI's finalisation at exit.
  // Wait here: the runner sees the marker, reads this process's stack (where exit was called)
  // and ends the whole job. Run by hand, the process ends after the pause without finalising.
  sleep(20);
  _exit(status);
}

int wb_exit_guard_arm(const char *marker_path) {
  if (strlen(marker_path) >= sizeof marker) return -1;
  strcpy(marker, marker_path);
  if (!registered) {
    registered = 1;
    on_exit(guard, NULL);
  }
  armed = 1;
  return 0;
}

void wb_exit_guard_disarm(void) { armed = 0; }
