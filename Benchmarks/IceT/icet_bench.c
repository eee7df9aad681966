/*
 * IceT's compositing on the images chapter 16's and 17's benchmarks composite, for
 * `./workbook bench 17` to show beside the workbook's own algorithms.
 *
 * A program of its own, built by the runner with clang against the IceT libraries of Debian's
 * ParaView 5.11 packages (unpacked into third_party/, never installed), so that ParaView's
 * libraries never share a process with VTK 9.1.
 *
 *   mpirun -n P icet-bench [WIDTH HEIGHT FRAMES]
 *
 * Every rank makes the same synthetic partial image as Chapter16.syntheticImage (32 x 32
 * blocks, each present with probability `coverage`, SplitMix64 seeded with 1600 + rank), then
 * IceT composites it with icetCompositeImage (z-buffer mode, RGBA8 colour, float depth, one
 * tile, ICET_COLLECT_IMAGES off so that the result stays spread over the ranks as it does after
 * binary swap or radix-k) with each single-image strategy. Rank 0 prints one line per
 * strategy and coverage:
 *
 *   RESULT strategy=BSWAP coverage=30 ranks=2 seconds=0.00912 bytes=8294400 frames=21
 *
 * `seconds` is the median over frames of the slowest rank's time, `bytes` the largest
 * ICET_BYTES_SENT of any rank in the median frame (a 32-bit counter IceT resets every frame).
 */
#include <IceT.h>
#include <IceTMPI.h>
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix(uint64_t *state) {
  *state += 0x9E3779B97F4A7C15ull;
  uint64_t z = *state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double uniform(uint64_t *state, double low, double high) {
  double unit = (double)(splitmix(state) >> 11) * 0x1.0p-53;
  return low + unit * (high - low);
}

/* Chapter16.syntheticImage, bit for bit. */
static void synthetic(int rank, double coverage, int width, int height, uint32_t *color, float *depth) {
  uint64_t rng = 1600 + (uint64_t)rank;
  for (size_t i = 0; i < (size_t)width * height; i++) {
    color[i] = 0;
    depth[i] = 1.0f;
  }
  for (int by = 0; by < height; by += 32) {
    for (int bx = 0; bx < width; bx += 32) {
      if (!(coverage >= 1 || uniform(&rng, 0, 1) < coverage)) continue;
      float base = (float)uniform(&rng, 0.05, 0.9);
      uint32_t colour = (uint32_t)splitmix(&rng) | 0xFF000000u;
      for (int y = by; y < by + 32 && y < height; y++) {
        for (int x = bx; x < bx + 32 && x < width; x++) {
          depth[(size_t)y * width + x] = base + (float)(x - bx + y - by) * 0.001f;
          color[(size_t)y * width + x] = colour;
        }
      }
    }
  }
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int width = argc > 2 ? atoi(argv[1]) : 1920, height = argc > 2 ? atoi(argv[2]) : 1080;
  int frames = argc > 3 ? atoi(argv[3]) : 21;
  if (width <= 0 || height <= 0 || frames < 1) {
    if (rank == 0) fprintf(stderr, "usage: icet-bench [WIDTH HEIGHT FRAMES]\n");
    MPI_Finalize();
    return 2;
  }
  size_t count = (size_t)width * height;
  uint32_t *color = malloc(count * 4);
  float *depth = malloc(count * 4);
  uint32_t *copyColor = malloc(count * 4);
  float *copyDepth = malloc(count * 4);
  double *seconds = malloc(sizeof(double) * (size_t)frames);
  int *bytes = malloc(sizeof(int) * (size_t)frames);

  IceTCommunicator comm = icetCreateMPICommunicator(MPI_COMM_WORLD);
  IceTContext context = icetCreateContext(comm);
  icetDiagnostics(ICET_DIAG_ERRORS);
  icetSetColorFormat(ICET_IMAGE_COLOR_RGBA_UBYTE);
  icetSetDepthFormat(ICET_IMAGE_DEPTH_FLOAT);
  icetCompositeMode(ICET_COMPOSITE_MODE_Z_BUFFER);
  icetResetTiles();
  icetAddTile(0, 0, width, height, 0);
  icetStrategy(ICET_STRATEGY_SEQUENTIAL);
  icetDisable(ICET_COLLECT_IMAGES);
  /* Identity matrices and a box filling clip space: every rank may cover the whole tile. */
  icetBoundingBoxd(-1, 1, -1, 1, -1, 1);
  const IceTDouble identity[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  const IceTFloat background[4] = {0, 0, 0, 0};
  const IceTInt viewport[4] = {0, 0, width, height};

  const struct { IceTEnum id; const char *name; } strategies[] = {
      {ICET_SINGLE_IMAGE_STRATEGY_BSWAP, "BSWAP"},
      {ICET_SINGLE_IMAGE_STRATEGY_RADIXK, "RADIXK"},
      {ICET_SINGLE_IMAGE_STRATEGY_TREE, "TREE"},
  };
  const double coverages[] = {0.3, 1.0};
  for (int c = 0; c < 2; c++) {
    synthetic(rank, coverages[c], width, height, color, depth);
    /* The floor: one copy of this rank's image, the slowest rank's time, median. */
    for (int f = 0; f < frames + 2; f++) {
      MPI_Barrier(MPI_COMM_WORLD);
      double start = MPI_Wtime();
      memcpy(copyColor, color, count * 4);
      memcpy(copyDepth, depth, count * 4);
      /* Keep the copies: without this the compiler may drop them, as nothing reads them. */
      __asm__ volatile("" : : "r"(copyColor), "r"(copyDepth) : "memory");
      double mine = MPI_Wtime() - start, slowest;
      MPI_Allreduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
      if (f >= 2) seconds[f - 2] = slowest;
    }
    qsort(seconds, (size_t)frames, sizeof(double), compare);
    if (rank == 0)
      printf("RESULT strategy=COPY coverage=%d ranks=%d seconds=%.6g bytes=0 frames=%d\n",
             (int)(coverages[c] * 100 + 0.5), size, seconds[frames / 2], frames);
    for (int s = 0; s < 3; s++) {
      icetSingleImageStrategy(strategies[s].id);
      double sorted[frames];
      for (int f = 0; f < frames + 2; f++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double start = MPI_Wtime();
        IceTImage image = icetCompositeImage(color, depth, viewport, identity, identity, background);
        double mine = MPI_Wtime() - start, slowest;
        (void)image;
        IceTInt sent = 0, most;
        icetGetIntegerv(ICET_BYTES_SENT, &sent);
        MPI_Allreduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        MPI_Allreduce(&sent, &most, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (f >= 2) {
          seconds[f - 2] = slowest;
          bytes[f - 2] = most;
        }
      }
      /* The median frame's bytes: sort the frames by time and take the middle one's. */
      int middle = 0;
      memcpy(sorted, seconds, sizeof(double) * (size_t)frames);
      qsort(sorted, (size_t)frames, sizeof(double), compare);
      for (int f = 0; f < frames; f++)
        if (seconds[f] == sorted[frames / 2]) middle = f;
      if (rank == 0)
        printf("RESULT strategy=%s coverage=%d ranks=%d seconds=%.6g bytes=%d frames=%d\n", strategies[s].name,
               (int)(coverages[c] * 100 + 0.5), size, sorted[frames / 2], bytes[middle], frames);
    }
  }
  if (rank == 0) fflush(stdout);
  icetDestroyContext(context);
  icetDestroyMPICommunicator(comm);
  free(color);
  free(depth);
  free(copyColor);
  free(copyDepth);
  free(seconds);
  free(bytes);
  MPI_Finalize();
  return 0;
}
