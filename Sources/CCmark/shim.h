// shim.h: cmark-gfm, the CommonMark parser with GitHub's extensions (pipe tables), for
// `workbook lesson`. Debian: libcmark-gfm-dev and libcmark-gfm-extensions-dev.
#ifndef WB_CCMARK_SHIM_H
#define WB_CCMARK_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
