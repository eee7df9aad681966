import ArgumentParser
import Foundation
import Launch

#if canImport(Glibc)
  import Glibc
#endif

/// `workbook doctor`: what this machine has, each item ok or what to do.
struct Doctor: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Report Swift, VTK, Open MPI, GLFW, the display and the cores, with fixes.")

  @Flag(help: "Also run the end-to-end probes: a VTK frame, a GLFW window, a 2-rank MPI allreduce.")
  var probe = false

  struct Item {
    var name: String
    var ok: Bool
    var detail: String
    var fix: String?
  }

  func run() throws {
    let project = try? Project.locate()
    var items = Doctor.inspect()
    if probe {
      guard let project else { throw RunnerError("--probe needs the workbook folder") }
      items += Doctor.probes(project)
    }
    for item in items {
      let mark = item.ok ? Terminal.pass : Terminal.fail
      print("\(mark) \(item.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(item.detail)")
      if !item.ok, let fix = item.fix { print("             \(Terminal.yellow("fix:")) \(fix)") }
    }
    if items.contains(where: { !$0.ok }) { throw ExitCode(1) }
  }

  /// Runs a command, returning its first output line, or nil.
  static func firstLine(_ tool: String, _ args: [String]) -> String? {
    guard ChildProcess.resolve(tool) != nil, let r = try? runProcess(tool, args, timeout: 30),
      r.termination == .exited(0)
    else {
      return nil
    }
    return r.output.split(separator: "\n").first.map(String.init)
  }

  static func inspect() -> [Item] {
    var items: [Item] = []
    let swift = firstLine("swift", ["--version"])
    items.append(
      Item(
        name: "Swift", ok: swift != nil, detail: swift ?? "not found",
        fix: "install Swift 6 from https://www.swift.org/install/linux/"))

    let header = "/usr/include/vtk-9.1/vtkVersionMacros.h"
    var vtk: String? = nil
    if let text = try? String(contentsOfFile: header, encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.contains("#define VTK_VERSION ") })
    {
      vtk = line.split(separator: "\"").dropFirst().first.map(String.init)
    }
    let lod =
      FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libvtkRenderingLOD-9.1.so")
      || FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/libvtkRenderingLOD-9.1.so")
    items.append(
      Item(
        name: "VTK", ok: vtk != nil && lod,
        detail: vtk.map { "VTK \($0) (headers in /usr/include/vtk-9.1)" } ?? "VTK 9.1 headers not found",
        fix: "sudo apt-get install libvtk9-dev"))

    let mpirun = firstLine("mpirun", ["--version"])
    let ompi = firstLine("pkg-config", ["--modversion", "ompi-c"])
    items.append(
      Item(
        name: "Open MPI", ok: mpirun != nil && ompi != nil,
        detail: mpirun.map { "\($0); development files \(ompi ?? "missing")" } ?? "mpirun not found",
        fix: "sudo apt-get install libopenmpi-dev openmpi-bin"))
    if getuid() == 0 {
      items.append(
        Item(name: "root", ok: true, detail: "running as root: the runner adds --allow-run-as-root to mpirun", fix: nil)
      )
    }

    // Optional for learners (clusters, `workbook batch`); the test suite's Slurm tests need it all.
    // `srun --version` fails where no cluster is configured, so a missing version is no error.
    let daemons = ["slurmctld", "slurmd", "munged"].filter {
      ChildProcess.resolve($0, path: "/usr/sbin:/usr/bin:/sbin:/bin") == nil
    }
    var slurm = "not installed (optional: for clusters; the tests need slurmctld slurmd slurm-client munge)"
    if ChildProcess.resolve("srun") != nil {
      slurm =
        firstLine("srun", ["--version"]).map { "\($0): --launcher srun and `workbook batch` work here" }
        ?? "srun installed, no cluster configured here (the tests start their own)"
      if !daemons.isEmpty { slurm += "; the tests also need \(daemons.joined(separator: ", "))" }
    }
    items.append(Item(name: "Slurm", ok: true, detail: slurm, fix: nil))

    // Informational, like Slurm: without them jobs still run, verdicts just say less.
    let path = ProcessInfo.processInfo.environment["PATH"]
    let isolation = NetworkIsolation.available(path: path)
    items.append(
      Item(
        name: "isolation", ok: true,
        detail: isolation.map {
          "local MPI jobs run in a loopback-only network namespace (unshare \($0.unshareArguments.dropLast().joined(separator: " ")))"
        }
          ?? "no network namespace here (needs unshare, ip, and namespaces the kernel allows): local MPI jobs listen on every interface",
        fix: nil))
    let stacks = StackReader(path: path)
    items.append(
      Item(
        name: "stacks", ok: true,
        detail: !stacks.available
          ? "eu-stack missing (apt-get install elfutils): time-outs cannot say where each rank was"
          : stacks.symbolizer == nil
            ? "eu-stack without llvm-symbolizer: time-outs name functions but no lines"
            : "eu-stack and llvm-symbolizer: time-outs say where each rank was, with file and line",
        fix: nil))

    let glfw = firstLine("pkg-config", ["--modversion", "glfw3"])
    let x11 = FileManager.default.fileExists(atPath: "/usr/include/X11/Xlib.h")
    items.append(
      Item(
        name: "GLFW", ok: glfw != nil && x11,
        detail: glfw.map { "GLFW \($0)" + (x11 ? "" : "; X11 headers missing") } ?? "not found",
        fix: "sudo apt-get install libglfw3-dev libx11-dev"))

    let env = ProcessInfo.processInfo.environment
    if let d = env["DISPLAY"], !d.isEmpty {
      items.append(Item(name: "display", ok: true, detail: "DISPLAY=\(d): windows open on your screen", fix: nil))
    } else if let w = env["WAYLAND_DISPLAY"], !w.isEmpty {
      items.append(Item(name: "display", ok: true, detail: "Wayland (\(w)); GLFW uses XWayland", fix: nil))
    } else {
      do {
        let display = try HeadlessDisplay.start(environment: env)
        let name = display.name ?? "?"
        display.stop()
        items.append(
          Item(
            name: "display", ok: true,
            detail: "no DISPLAY: the runner starts Xvfb when needed (tried \(name): it works)", fix: nil))
      } catch {
        items.append(
          Item(name: "display", ok: false, detail: "no DISPLAY and no Xvfb: \(error)", fix: "sudo apt-get install xvfb")
        )
      }
    }

    let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    items.append(
      Item(
        name: "cores", ok: cores >= 1,
        detail:
          "\(cores) core\(cores == 1 ? "" : "s"); MPI chapters run more ranks than that with --oversubscribe (timings then share cores)",
        fix: nil))
    return items
  }

  static func probes(_ project: Project) -> [Item] {
    var items: [Item] = []
    let builder = Builder(project: project)
    guard let build = try? builder.build(product: "workbook-probe"), build.succeeded else {
      return [
        Item(
          name: "probes", ok: false, detail: "could not build workbook-probe",
          fix: "run `swift build -c release` to see why")
      ]
    }
    let probe = project.binDirectory + "/workbook-probe"
    var env = ProcessInfo.processInfo.environment
    let display = try? HeadlessDisplay.start(environment: env)
    defer { display?.stop() }
    if let display { env = display.environment(env) }
    for (name, args) in [("VTK frame", ["vtk-scene"]), ("window", ["window-roundtrip"])] {
      let r = try? runProcess(probe, args, environment: env, timeout: 60)
      let line = r?.output.split(separator: "\n").last.map(String.init) ?? "did not run"
      items.append(
        Item(
          name: name, ok: r?.termination == .exited(0), detail: line,
          fix: "see `workbook-probe \(args[0])` output above"))
    }
    let mpi = MPIRun()
    let r = try? runProcess(
      "mpirun", mpi.arguments(ranks: 2, timeLimit: 60, program: probe, programArguments: ["mpi-allreduce"]),
      environment: mpi.environment(env), timeout: 60)
    items.append(
      Item(
        name: "MPI", ok: r?.termination == .exited(0),
        detail: r?.output.split(separator: "\n").first.map(String.init) ?? "did not run",
        fix: "check `mpirun -n 2 hostname` works"))
    return items
  }
}
