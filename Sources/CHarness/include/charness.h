// charness.h: what the chapter harness needs from glibc that Swift cannot reach: malloc's
// settings (mallopt and its constants live in <malloc.h>, outside the Glibc module) and
// on_exit, whose handler learns the exit status.
#ifndef WB_CHARNESS_H
#define WB_CHARNESS_H

/// Makes freed memory stay in the process for the next allocation instead of going back to the
/// kernel: large blocks come from the heap (up to 32 MiB, glibc's limit for this setting), and
/// the heap is not trimmed below 1 GiB. Returns 1 when both settings were taken.
int wb_keep_freed_memory(void);

/// Arms the exit guard: until `wb_exit_guard_disarm`, a call to `exit` (from the learner's code)
/// writes its status to `marker_path`, prints one line to stderr and waits (20 s at most) for
/// the runner, which reads where `exit` was called from the waiting process's stack and ends the
/// whole job; then it leaves with `_exit`, without finalising MPI. Without the guard an MPI rank
/// that exits early finalises MPI from an atexit handler and waits there for ranks that wait for
/// it. Returns 0, or -1 when the path is too long.
int wb_exit_guard_arm(const char *marker_path);

/// Disarms the exit guard: the harness's own `exit` at the end is a normal one.
void wb_exit_guard_disarm(void);

#endif
