// clauncher.h: glibc spawn extensions Swift cannot see without _GNU_SOURCE, and the watchdog
// that ends what the runner started when the runner itself is killed.
#ifndef WB_CLAUNCHER_H
#define WB_CLAUNCHER_H

#include <spawn.h>
#include <stdint.h>

/// POSIX_SPAWN_SETSID: the child starts a new session (glibc 2.26+).
short wb_spawn_setsid_flag(void);
/// posix_spawn_file_actions_addchdir_np: the child changes directory before exec (glibc 2.29+).
int wb_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np: the child closes every fd from `from` up before
/// exec (glibc 2.34+), so it holds nothing the runner had open (a lock file, a pipe).
int wb_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);

/// Starts the watchdog process and returns the pipe to tell it about sessions (-1 on failure).
/// When every copy of that fd is closed (the runner ended, however it ended), the watchdog
/// SIGKILLs every live process whose session id or process group id it was told and exits.
int wb_watchdog_start(void);

/// Tells the watchdog behind `fd` to guard (`id` > 0) or forget (`-id`) session/group `id`.
void wb_watchdog_track(int fd, int32_t id);

#endif
