// pingpong.h: the C baseline of chapter 09's benchmark, calling Open MPI directly.
//
// Each function follows the OSU micro-benchmarks' method (osu_latency, osu_bw,
// osu_allreduce): untimed warm-up iterations, then timed iterations, with MPI_Wtime. They use
// MPI_COMM_WORLD; the ping-pong and bandwidth runs are between ranks 0 and 1 and every other
// rank must not call them. The header avoids <mpi.h> so that Swift sees plain C types only.
#ifndef WB_PINGPONG_H
#define WB_PINGPONG_H

#include <stddef.h>

/// One-way latency in seconds: ranks 0 and 1 bounce a message of `bytes` bytes
/// (MPI_Send / MPI_Recv of MPI_BYTE) `iterations` times after `warmup` untimed round trips;
/// the result is the elapsed time over 2 x iterations. `buffer` holds at least `bytes` bytes.
double wb_c_latency(size_t bytes, int iterations, int warmup, void *buffer);

/// Bandwidth in bytes per second, rank 0 to rank 1: each iteration rank 0 starts `window`
/// MPI_Isend of `bytes` bytes and waits for all (MPI_Waitall), rank 1 posts `window` MPI_Irecv,
/// waits, and answers with a 4-byte acknowledgement.
double wb_c_bandwidth(size_t bytes, int iterations, int warmup, int window, void *sendbuf, void *recvbuf);

/// Seconds per MPI_Allreduce (MPI_SUM of `count` doubles) on this rank, averaged over
/// `iterations` after `warmup`; every rank of MPI_COMM_WORLD must call it.
double wb_c_allreduce(int count, int iterations, int warmup, const double *in, double *out);

#endif
