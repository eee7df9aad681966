// cmemory.h: glibc's malloc settings, which Swift cannot reach (mallopt and its constants are
// in <malloc.h>, outside the Glibc module).
#ifndef WB_CMEMORY_H
#define WB_CMEMORY_H

/// Makes freed memory stay in the process for the next allocation instead of going back to the
/// kernel: large blocks come from the heap (up to 32 MiB, glibc's limit for this setting), and
/// the heap is not trimmed below 1 GiB. Returns 1 when both settings were taken.
int wb_keep_freed_memory(void);

#endif
