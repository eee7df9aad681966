// shim.h: Open MPI's predefined handles as functions Swift can call.
//
// Open MPI spells MPI_COMM_WORLD, MPI_INT, MPI_SUM, MPI_STATUS_IGNORE and friends as macros that
// take the address of a global or cast an integer to a pointer. Swift imports neither, so each
// one is re-exported here as a static inline getter named WB_<the MPI name>. Plain integer
// macros (MPI_ANY_SOURCE, MPI_SUCCESS, MPI_ERR_*) import as they are and are not repeated.
#ifndef WB_CMPI_SHIM_H
#define WB_CMPI_SHIM_H

#include <mpi.h>

// Communicators and groups
static inline MPI_Comm WB_MPI_COMM_WORLD(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm WB_MPI_COMM_SELF(void) { return MPI_COMM_SELF; }
static inline MPI_Comm WB_MPI_COMM_NULL(void) { return MPI_COMM_NULL; }
static inline MPI_Group WB_MPI_GROUP_NULL(void) { return MPI_GROUP_NULL; }
static inline MPI_Group WB_MPI_GROUP_EMPTY(void) { return MPI_GROUP_EMPTY; }

// Datatypes
static inline MPI_Datatype WB_MPI_DATATYPE_NULL(void) { return MPI_DATATYPE_NULL; }
static inline MPI_Datatype WB_MPI_BYTE(void) { return MPI_BYTE; }
static inline MPI_Datatype WB_MPI_CHAR(void) { return MPI_CHAR; }
static inline MPI_Datatype WB_MPI_INT8_T(void) { return MPI_INT8_T; }
static inline MPI_Datatype WB_MPI_INT16_T(void) { return MPI_INT16_T; }
static inline MPI_Datatype WB_MPI_INT32_T(void) { return MPI_INT32_T; }
static inline MPI_Datatype WB_MPI_INT64_T(void) { return MPI_INT64_T; }
static inline MPI_Datatype WB_MPI_UINT8_T(void) { return MPI_UINT8_T; }
static inline MPI_Datatype WB_MPI_UINT16_T(void) { return MPI_UINT16_T; }
static inline MPI_Datatype WB_MPI_UINT32_T(void) { return MPI_UINT32_T; }
static inline MPI_Datatype WB_MPI_UINT64_T(void) { return MPI_UINT64_T; }
static inline MPI_Datatype WB_MPI_INT(void) { return MPI_INT; }
static inline MPI_Datatype WB_MPI_FLOAT(void) { return MPI_FLOAT; }
static inline MPI_Datatype WB_MPI_DOUBLE(void) { return MPI_DOUBLE; }
static inline MPI_Datatype WB_MPI_C_BOOL(void) { return MPI_C_BOOL; }
static inline MPI_Datatype WB_MPI_DOUBLE_INT(void) { return MPI_DOUBLE_INT; }

// Reduction operations
static inline MPI_Op WB_MPI_OP_NULL(void) { return MPI_OP_NULL; }
static inline MPI_Op WB_MPI_MAX(void) { return MPI_MAX; }
static inline MPI_Op WB_MPI_MIN(void) { return MPI_MIN; }
static inline MPI_Op WB_MPI_SUM(void) { return MPI_SUM; }
static inline MPI_Op WB_MPI_PROD(void) { return MPI_PROD; }
static inline MPI_Op WB_MPI_LAND(void) { return MPI_LAND; }
static inline MPI_Op WB_MPI_LOR(void) { return MPI_LOR; }
static inline MPI_Op WB_MPI_LXOR(void) { return MPI_LXOR; }
static inline MPI_Op WB_MPI_BAND(void) { return MPI_BAND; }
static inline MPI_Op WB_MPI_BOR(void) { return MPI_BOR; }
static inline MPI_Op WB_MPI_BXOR(void) { return MPI_BXOR; }
static inline MPI_Op WB_MPI_MAXLOC(void) { return MPI_MAXLOC; }
static inline MPI_Op WB_MPI_MINLOC(void) { return MPI_MINLOC; }

// Requests, statuses, error handlers and special buffers
static inline MPI_Request WB_MPI_REQUEST_NULL(void) { return MPI_REQUEST_NULL; }
static inline MPI_Status *WB_MPI_STATUS_IGNORE(void) { return MPI_STATUS_IGNORE; }
static inline MPI_Status *WB_MPI_STATUSES_IGNORE(void) { return MPI_STATUSES_IGNORE; }
static inline MPI_Errhandler WB_MPI_ERRORS_RETURN(void) { return MPI_ERRORS_RETURN; }
static inline MPI_Errhandler WB_MPI_ERRORS_ARE_FATAL(void) { return MPI_ERRORS_ARE_FATAL; }
static inline void *WB_MPI_IN_PLACE(void) { return MPI_IN_PLACE; }
static inline void *WB_MPI_BOTTOM(void) { return MPI_BOTTOM; }
static inline int *WB_MPI_UNWEIGHTED(void) { return MPI_UNWEIGHTED; }

#endif
