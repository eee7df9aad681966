import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Notices when files in some folders change: inotify on Linux, or polling modification times
/// when inotify is not available (some network file systems, containers with low limits).
///
/// Folders are watched rather than files because editors often save by writing a new file and
/// renaming it over the old one.
public final class FileWatcher {
  private var inotifyFD: Int32 = -1
  private let folders: [String]
  private var stamps: [String: Date] = [:]
  /// True when changes come from inotify; false when polling.
  public var usesInotify: Bool { inotifyFD >= 0 }

  /// Watches `folders`, with inotify when it can add a watch on every folder, else by polling.
  /// - Parameter forcePolling: poll even when inotify works (`workbook watch --poll`, and tests).
  public init(folders: [String], forcePolling: Bool = false) {
    self.folders = folders
    if !forcePolling {
      let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      if fd >= 0 {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY)
        if folders.allSatisfy({ inotify_add_watch(fd, $0, mask) >= 0 }) {
          inotifyFD = fd
        } else {
          close(fd)
        }
      }
    }
    stamps = snapshot()
  }

  deinit { if inotifyFD >= 0 { close(inotifyFD) } }

  /// The file descriptor to poll for readability, or -1 when polling.
  public var descriptor: Int32 { inotifyFD }

  /// Modification times of the Swift files in the folders.
  private func snapshot() -> [String: Date] {
    var out: [String: Date] = [:]
    for folder in folders {
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".swift") {
        let path = folder + "/" + name
        out[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
      }
    }
    return out
  }

  /// Whether a Swift file changed since the last call. Drains pending inotify events; when
  /// polling, compares modification times. Other files (an editor's swap and backup files) do
  /// not count, or every pause in typing would start a check.
  public func changed() -> Bool {
    var any = false
    if inotifyFD >= 0 {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = read(inotifyFD, &buffer, buffer.count)
        guard count > 0 else { break }
        if FileWatcher.eventNames(buffer[0..<count]).contains(where: { $0.hasSuffix(".swift") }) { any = true }
      }
    }
    let now = snapshot()
    if now != stamps {
      any = true
      stamps = now
    }
    return any
  }

  /// The file names in a buffer of `struct inotify_event`s: a 16-byte header (watch, mask,
  /// cookie, name length) followed by the NUL-padded name.
  static func eventNames(_ bytes: ArraySlice<UInt8>) -> [String] {
    var names: [String] = []
    var offset = bytes.startIndex
    while offset + 16 <= bytes.endIndex {
      let length = Int(
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset - bytes.startIndex + 12, as: UInt32.self) })
      let name = bytes[(offset + 16)..<min(offset + 16 + length, bytes.endIndex)].prefix { $0 != 0 }
      names.append(String(decoding: name, as: UTF8.self))
      offset += 16 + length
    }
    return names
  }

  /// Waits until a change has happened and the files have been quiet for `quiet` seconds, so one
  /// save that touches several files (or writes in steps) triggers one check.
  public func settle(quiet: Double = 0.3) {
    var lastChange = Date()
    while Date().timeIntervalSince(lastChange) < quiet {
      usleep(50_000)
      if changed() { lastChange = Date() }
    }
  }
}
