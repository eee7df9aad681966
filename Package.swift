// swift-tools-version:6.0
//
// VizWorkbook: a Swift workbook on making visualization fast and parallel.
//
// Layers (dependencies point downward only):
//   C bridges       CVTKBridge (C++ exporting a C API), CMPI (Open MPI shim), CGLFW
//   Swift wrappers  VTK, MPI, Window (+ Imaging, the pure-Swift image type they share)
//   Teaching core   WorkbookKit (pure Swift: math, culling, LOD, timing, checks)
//   Chapters+runner Chapters (one harness per chapter), WorkbookRunner, workbook
//   Content         lessons/NN-slug (demo), exercises/NN-slug, solutions/NN-slug

import PackageDescription

// MARK: - System libraries

/// VTK 9.1 as Debian installs it: headers in one folder, one shared library per module.
/// Debian ships no pkg-config file for VTK, so the include path is given directly.
let vtkInclude = "/usr/include/vtk-9.1"
let vtkModules = [
  "CommonCore", "CommonComputationalGeometry", "CommonDataModel", "CommonExecutionModel", "CommonMath", "CommonMisc",
  "CommonSystem", "CommonTransforms", "FiltersCore", "FiltersGeneral", "FiltersHybrid",
  "FiltersModeling", "FiltersSources", "FiltersPoints", "InteractionStyle", "RenderingCore",
  "RenderingLOD", "RenderingOpenGL2", "RenderingFreeType", "RenderingUI", "ParallelCore",
  "ParallelMPI", "IOImage", "ImagingCore", "loguru",
  // 2D charts for `workbook report`: vtkChartXY, vtkContextView and the OpenGL context device.
  "ChartsCore", "ViewsContext2D", "RenderingContext2D", "RenderingContextOpenGL2",
]

// MARK: - Chapters

/// Every chapter, by folder name. Each folder exists under lessons/, exercises/ and solutions/
/// and becomes three executables: lessons/06-frustum-culling -> demo06, exercises/... ->
/// exercise06, solutions/... -> solution06. `workbook verify` checks this list against the
/// folders and each lessons/<chapter>/chapter.toml. (The list is written out rather than read
/// from the disk because SwiftPM caches the evaluated manifest: a new folder would go unseen.)
let chapters = [
  "00-first-light",
  "01-frame-budget",
  "02-lod-actor",
  "03-lod-prop3d-and-decimation",
  "04-lod-policies",
  "05-coverage-culler",
  "06-frustum-culling",
  "07-occlusion-culling",
  "08-mpi-hello",
  "09-point-to-point",
  "10-nonblocking",
  "11-collectives",
  "12-communicators-and-topologies",
  "13-errors-and-faults",
  "14-decomposition-and-load-balance",
  "15-sort-first",
  "16-sort-last",
  "17-compositing-at-scale",
  "18-capstone",
  "19-threads-and-smp",
]

/// Non-Swift files a chapter folder may hold (lesson text, metadata), excluded from the target.
let chapterExtras = ["README.md", "chapter.toml"]

func chapterTargets(tree: String, prefix: String) -> [Target] {
  chapters.map { folder in
    .executableTarget(
      name: prefix + String(folder.prefix(2)),
      dependencies: ["Chapters", "WorkbookKit", "VTK", "MPI", "Window", "Imaging"],
      path: "\(tree)/\(folder)",
      exclude: tree == "lessons" ? chapterExtras : [],
      swiftSettings: learnerSettings
    )
  }
}

/// The library modules, the runner, the tools and the tests use the package's language mode:
/// Swift 6, with complete data-race checking.
let swiftSettings: [SwiftSetting] = []

/// Lessons' demos, exercises and solutions stay in Swift 5 mode. In Swift 6 mode a learner's
/// first global `var` (a counter, a cache) is an error about actor isolation and `Sendable`
/// before it is anything else, and top-level code in main.swift runs on the main actor, which
/// turns every callback the checks hand out into an isolation puzzle. Those lessons are not
/// what these chapters teach; the libraries they call are checked in Swift 6 mode all the same.
let learnerSettings: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let chapterExecutables =
  chapterTargets(tree: "lessons", prefix: "demo")
  + chapterTargets(tree: "exercises", prefix: "exercise")
  + chapterTargets(tree: "solutions", prefix: "solution")

// MARK: - Package

let package = Package(
  name: "VizWorkbook",
  products: [
    .library(name: "VTK", targets: ["VTK"]),
    .library(name: "MPI", targets: ["MPI"]),
    .library(name: "Window", targets: ["Window"]),
    .library(name: "Imaging", targets: ["Imaging"]),
    .library(name: "WorkbookKit", targets: ["WorkbookKit"]),
    .library(name: "Launch", targets: ["Launch"]),
    .executable(name: "workbook", targets: ["workbook"]),
    .executable(name: "workbook-plot", targets: ["workbook-plot"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", .upToNextMinor(from: "0.6.0")),
  ],
  targets: [
    // C bridges
    .target(
      name: "CVTKBridge",
      dependencies: ["CMPI"],
      cxxSettings: [.unsafeFlags(["-I\(vtkInclude)", "-std=c++17", "-Wno-deprecated-declarations"])],
      linkerSettings: vtkModules.map { .linkedLibrary("vtk\($0)-9.1") }
    ),
    .systemLibrary(
      name: "CMPI", pkgConfig: "ompi-c",
      providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
    ),
    .systemLibrary(
      name: "CGLFW", pkgConfig: "glfw3",
      providers: [.apt(["libglfw3-dev"])]
    ),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // CommonMark with GitHub's tables, for `workbook lesson`.
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),

    // Swift wrappers
    .target(name: "Imaging", dependencies: ["CZlib"], swiftSettings: swiftSettings),
    .target(name: "VTK", dependencies: ["CVTKBridge", "Imaging"], swiftSettings: swiftSettings),
    // The MPI module records blocking calls on the runner's call board (WorkbookContract.CallBoard).
    .target(name: "MPI", dependencies: ["CMPI", "WorkbookContract"], swiftSettings: swiftSettings),
    .target(name: "Window", dependencies: ["CGLFW", "Imaging"], swiftSettings: swiftSettings),
    // Processes with time limits, process-session clean-up, the headless X server, and the
    // launchers of MPI jobs (mpirun, Slurm's srun).
    .target(name: "CLaunch"),
    // glibc's malloc settings (mallopt), for chapters that move image-sized arrays every frame.
    .target(name: "CHarness"),
    .target(name: "Launch", dependencies: ["CLaunch"], swiftSettings: swiftSettings),

    // Teaching core and chapters
    .target(name: "WorkbookKit", dependencies: ["Imaging"], swiftSettings: swiftSettings),
    // What the runner and a chapter program agree on: environment keys, marker files, the report.
    .target(name: "WorkbookContract", swiftSettings: swiftSettings),
    .target(
      name: "Chapters",
      dependencies: [
        "WorkbookKit", "WorkbookContract", "VTK", "MPI", "Window", "Imaging", "Launch", "MPIBench", "CHarness",
      ],
      swiftSettings: swiftSettings
    ),

    // Runner
    .target(
      name: "WorkbookRunner",
      dependencies: [
        "WorkbookContract",
        "Launch",
        "CCmark",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(name: "workbook", dependencies: ["WorkbookRunner"], swiftSettings: swiftSettings),
    // Small programs the tests and `workbook doctor` launch (under mpirun, under Xvfb).
    .executableTarget(
      name: "workbook-probe",
      dependencies: ["VTK", "MPI", "Window", "Imaging", "WorkbookKit", "Launch"],
      swiftSettings: swiftSettings
    ),

    // `workbook report`'s plots: VTK's charts drawn offscreen into PNGs, from a spec the runner
    // writes (the runner itself does not link VTK).
    .executableTarget(
      name: "workbook-plot",
      dependencies: ["VTK", "Imaging", "Launch", "WorkbookContract"],
      swiftSettings: swiftSettings
    ),

    // Chapter 09's ping-pong benchmark: the C baseline, and the three implementations side by side.
    .target(name: "CPingPong", dependencies: ["CMPI"]),
    .target(name: "MPIBench", dependencies: ["MPI", "CMPI", "CPingPong"], swiftSettings: swiftSettings),

    // Every call of the MPI module with a result check, run under mpirun by Tests/MPITests.
    .executableTarget(name: "mpi-selftest", dependencies: ["MPI", "CMPI"], swiftSettings: swiftSettings),

    // Chapter harnesses fed deliberately wrong learner code; Tests/MPITests expect each caught.
    .executableTarget(name: "chapter-variants", dependencies: ["Chapters", "MPI"], swiftSettings: swiftSettings),

    // Tests, and what their suites share (paths of built programs, mpirun with the runner's settings).
    .target(name: "WorkbookTestSupport", dependencies: ["Launch"], swiftSettings: swiftSettings),
    .testTarget(name: "ImagingTests", dependencies: ["Imaging"], swiftSettings: swiftSettings),
    .testTarget(name: "WorkbookKitTests", dependencies: ["WorkbookKit"], swiftSettings: swiftSettings),
    // The chapters' reference code and harness, through `@testable import Chapters` (swift test
    // builds with testable imports; `swift build`, which builds the exercises, does not).
    .testTarget(
      name: "ChaptersTests",
      dependencies: ["Chapters", "WorkbookKit", "WorkbookContract", "Imaging", "WorkbookTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "PlatformTests",
      dependencies: ["VTK", "Imaging", "WorkbookRunner", "WorkbookContract", "WorkbookTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "MPITests",
      dependencies: ["Launch", "MPI", "MPIBench", "WorkbookRunner", "WorkbookContract", "WorkbookTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WorkbookRunnerTests",
      dependencies: ["WorkbookRunner", "WorkbookContract", "WorkbookTestSupport"],
      swiftSettings: swiftSettings
    ),
  ] + chapterExecutables,
  cxxLanguageStandard: .cxx17
)
