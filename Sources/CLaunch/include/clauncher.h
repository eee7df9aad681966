// clauncher.h: the two glibc spawn extensions Swift cannot see without _GNU_SOURCE.
#ifndef WB_CLAUNCHER_H
#define WB_CLAUNCHER_H

#include <spawn.h>

/// POSIX_SPAWN_SETSID: the child starts a new session (glibc 2.26+).
short wb_spawn_setsid_flag(void);
/// posix_spawn_file_actions_addchdir_np: the child changes directory before exec (glibc 2.29+).
int wb_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
