import Foundation
import Launch
import Testing
import WorkbookTestSupport

/// MPI, GLFW and the headless display, through the real programs.
@Suite(.serialized) struct MPIPlatformTests {
  @Test(arguments: [2, 3])
  func allreduceGivesTheSumOfRanks(ranks: Int) throws {
    let r = try mpirunProbe(ranks: ranks, ["mpi-allreduce"])
    #expect(r.termination == .exited(0), "\(r.output)")
    let expected = Double(ranks * (ranks + 1) / 2)
    #expect(r.output.contains("allreduce size=\(ranks) sum=\(expected) expected=\(expected) max-rank=\(ranks - 1)"))
  }

  @Test func invalidArgumentsBecomeSwiftErrors() throws {
    let r = try mpirunProbe(ranks: 2, ["mpi-errors"])
    #expect(r.termination == .exited(0), "\(r.output)")
    #expect(r.output.contains("caught: MPI_Bcast: MPI_ERR_ROOT"))
    #expect(r.output.contains("caught: MPI_Send: MPI_ERR_RANK"))
  }
}

@Suite(.serialized) struct DisplayTests {
  @Test func windowUnderOurOwnXvfbShowsAndReadsBackAnImage() throws {
    let display = try HeadlessDisplay.startXvfb()
    defer { display.stop() }
    var env = TestSupport.headlessEnvironment()
    env["DISPLAY"] = display.name
    let r = try runProcess(probe, ["window-roundtrip"], environment: env, timeout: 60)
    #expect(r.termination == .exited(0), "\(r.output)")
    #expect(r.output.contains("identical=true"))
  }

  @Test func programsStartTheirOwnDisplayWhenThereIsNone() throws {
    let r = try runProcess(probe, ["display"], environment: TestSupport.headlessEnvironment(), timeout: 60)
    #expect(r.termination == .exited(0), "\(r.output)")
    #expect(r.output.contains("own=true"))
    // The Xvfb it started is gone afterwards.
    let name = r.output.split(separator: "=")[1].split(separator: " ")[0]
    #expect(TestSupport.processes(matching: "Xvfb").allSatisfy { !commandLine($0).contains("-displayfd") || displayOf($0) != String(name) })
  }

  @Test func vtkFrameWorksWithoutADisplay() throws {
    let r = try runProcess(probe, ["vtk-scene"], environment: TestSupport.headlessEnvironment(), timeout: 60)
    #expect(r.termination == .exited(0), "\(r.output)")
    #expect(r.output.contains("center=rgba(255, 0, 0, 255)"))
  }

  @Test func missingXvfbNamesThePackage() {
    var env = TestSupport.headlessEnvironment()
    env["PATH"] = "/nonexistent"
    do {
      let d = try HeadlessDisplay.start(environment: env)
      d.stop()
      Issue.record("started a display without Xvfb on PATH")
    } catch {
      #expect("\(error)".contains("xvfb"))
    }
  }

  @Test func existingDisplayIsUsedAndNeverStopped() throws {
    var env = TestSupport.headlessEnvironment()
    env["DISPLAY"] = ":1234"
    let d = try HeadlessDisplay.start(environment: env)
    #expect(d.name == ":1234" && !d.isOwnServer)
    d.stop()
  }
}

func commandLine(_ pid: Int32) -> String {
  guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
  return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
}

/// The display number an Xvfb we started is serving, from its lock file; "" when unknown.
func displayOf(_ pid: Int32) -> String {
  let locks = ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter { $0.hasPrefix(".X") && $0.hasSuffix("-lock") }
  for lock in locks {
    let owner = (try? String(contentsOfFile: "/tmp/" + lock, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    if owner == String(pid) { return ":" + lock.dropFirst(2).dropLast(5) }
  }
  return ""
}
