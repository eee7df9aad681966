// shim.h: zlib, for compressing and reading PNG image data.
#ifndef WB_CZLIB_SHIM_H
#define WB_CZLIB_SHIM_H
#include <zlib.h>
#endif
