#define _GNU_SOURCE
#include "clauncher.h"

short wb_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int wb_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
  return posix_spawn_file_actions_addchdir_np(actions, path);
}
