#include "charness.h"

#include <malloc.h>

int wb_keep_freed_memory(void) {
  // By default glibc gives blocks of 128 KiB and more their own mmap, and unmaps them when they
  // are freed: the next image-sized array then faults in every page again.
  int a = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  int b = mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  return a == 1 && b == 1;
}
