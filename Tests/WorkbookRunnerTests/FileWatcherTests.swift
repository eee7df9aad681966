import Foundation
import Testing
import WorkbookRunner

/// `watch` re-checks on a save of a Swift file, however the editor saves, and not on the swap
/// and backup files editors write while you type.
@Suite struct FileWatcherTests {
  func folder() throws -> String {
    let path = NSTemporaryDirectory() + "wb-watch-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try "let a = 1\n".write(toFile: path + "/Exercise.swift", atomically: false, encoding: .utf8)
    return path
  }

  @Test(arguments: [false, true])
  func saveInPlaceIsNoticed(polling: Bool) throws {
    let dir = try folder()
    let watcher = FileWatcher(folders: [dir], forcePolling: polling)
    #expect(watcher.usesInotify == !polling)
    #expect(!watcher.changed())
    if polling { usleep(20_000) }  // modification times must differ
    try "let a = 2\n".write(toFile: dir + "/Exercise.swift", atomically: false, encoding: .utf8)
    #expect(watcher.changed())
    #expect(!watcher.changed(), "the same save counted twice")
  }

  @Test func saveByRenameIsNoticed() throws {
    let dir = try folder()
    let watcher = FileWatcher(folders: [dir])
    try "let a = 3\n".write(toFile: dir + "/.Exercise.swift.tmp", atomically: false, encoding: .utf8)
    #expect(rename(dir + "/.Exercise.swift.tmp", dir + "/Exercise.swift") == 0)
    #expect(watcher.changed())
  }

  @Test func editorSwapFilesAreIgnored() throws {
    let dir = try folder()
    let watcher = FileWatcher(folders: [dir])
    try "swap".write(toFile: dir + "/.Exercise.swift.swp", atomically: false, encoding: .utf8)
    try "backup".write(toFile: dir + "/Exercise.swift~", atomically: false, encoding: .utf8)
    try FileManager.default.removeItem(atPath: dir + "/.Exercise.swift.swp")
    #expect(!watcher.changed())
  }
}
