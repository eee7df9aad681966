import Foundation
import Launch
import Testing
import WorkbookTestSupport

/// The headless display: our own Xvfb when there is none, the user's when there is one.
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
    #expect(name.hasPrefix(":"))
    #expect(
      TestSupport.processes(matching: "Xvfb").allSatisfy {
        !commandLine($0).contains("-displayfd") || displayOf($0) != String(name)
      })
  }

  /// An Xvfb started inside a network namespace (a rank of an isolated MPI job without a
  /// DISPLAY) cannot see the X servers outside it: it must still not take their numbers, or it
  /// replaces their socket files and unlinks them when it exits.
  @Test(
    .enabled(
      if: NetworkIsolation.available(path: ProcessInfo.processInfo.environment["PATH"]) != nil,
      "no network namespaces here (needs unshare and ip)"))
  func xvfbInAnotherNetworkNamespaceLeavesOtherDisplaysAlone() throws {
    let ours = try HeadlessDisplay.startXvfb()
    defer { ours.stop() }
    let socket = { (display: String) in "/tmp/.X11-unix/X" + display.dropFirst() }
    let before = Set((try? FileManager.default.contentsOfDirectory(atPath: "/tmp/.X11-unix")) ?? [])
    let isolation = try #require(NetworkIsolation.available(path: ProcessInfo.processInfo.environment["PATH"]))
    let r = try runProcess(
      "unshare", isolation.unshareArguments + [probe, "display"], environment: TestSupport.headlessEnvironment(),
      timeout: 60)
    #expect(r.termination == .exited(0), "\(r.output)")
    let theirs = try #require(r.output.split(separator: "=").dropFirst().first?.split(separator: " ").first)
    #expect(!before.contains("X" + theirs.dropFirst()), "took \(theirs), which was in use: \(before.sorted())")
    #expect(FileManager.default.fileExists(atPath: socket(try #require(ours.name))), "our socket was unlinked")
    let after = try runProcess(probe, ["window-roundtrip"], environment: ours.environment(), timeout: 60)
    #expect(after.termination == .exited(0), "our display after theirs: \(after.output)")
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
