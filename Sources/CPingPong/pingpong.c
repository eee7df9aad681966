// The C baseline for chapter 09's benchmark: what the Swift versions are measured against.
#include "pingpong.h"

#include <mpi.h>
#include <stdlib.h>

enum { TAG = 1, ACK_TAG = 2 };

double wb_c_latency(size_t bytes, int iterations, int warmup, void *buffer) {
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int n = (int)bytes;
  double start = 0;
  MPI_Barrier(MPI_COMM_WORLD);
  for (int i = 0; i < warmup + iterations; i++) {
    if (i == warmup) start = MPI_Wtime();
    if (rank == 0) {
      MPI_Send(buffer, n, MPI_BYTE, 1, TAG, MPI_COMM_WORLD);
      MPI_Recv(buffer, n, MPI_BYTE, 1, TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else {
      MPI_Recv(buffer, n, MPI_BYTE, 0, TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      MPI_Send(buffer, n, MPI_BYTE, 0, TAG, MPI_COMM_WORLD);
    }
  }
  return (MPI_Wtime() - start) / (2.0 * iterations);
}

double wb_c_bandwidth(size_t bytes, int iterations, int warmup, int window, void *sendbuf, void *recvbuf) {
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int n = (int)bytes;
  MPI_Request *requests = malloc(sizeof(MPI_Request) * (size_t)window);
  char ack[4] = {0};
  double start = 0;
  MPI_Barrier(MPI_COMM_WORLD);
  for (int i = 0; i < warmup + iterations; i++) {
    if (i == warmup) start = MPI_Wtime();
    if (rank == 0) {
      for (int w = 0; w < window; w++) MPI_Isend(sendbuf, n, MPI_BYTE, 1, TAG, MPI_COMM_WORLD, &requests[w]);
      MPI_Waitall(window, requests, MPI_STATUSES_IGNORE);
      MPI_Recv(ack, 4, MPI_BYTE, 1, ACK_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else {
      for (int w = 0; w < window; w++) MPI_Irecv(recvbuf, n, MPI_BYTE, 0, TAG, MPI_COMM_WORLD, &requests[w]);
      MPI_Waitall(window, requests, MPI_STATUSES_IGNORE);
      MPI_Send(ack, 4, MPI_BYTE, 0, ACK_TAG, MPI_COMM_WORLD);
    }
  }
  double elapsed = MPI_Wtime() - start;
  free(requests);
  return (double)bytes * (double)window * (double)iterations / elapsed;
}

double wb_c_allreduce(int count, int iterations, int warmup, const double *in, double *out) {
  double start = 0;
  MPI_Barrier(MPI_COMM_WORLD);
  for (int i = 0; i < warmup + iterations; i++) {
    if (i == warmup) start = MPI_Wtime();
    MPI_Allreduce(in, out, count, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  }
  return (MPI_Wtime() - start) / iterations;
}
