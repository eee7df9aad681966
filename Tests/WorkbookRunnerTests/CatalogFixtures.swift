import Foundation
import Testing
import WorkbookRunner

/// A throwaway workbook tree in a temporary folder.
struct FakeProject {
  let root: String
  var project: Project { Project(root: root) }

  init(chapters: [String: String], listed: [String]? = nil, trees: [String] = ["lessons", "exercises", "solutions"])
    throws
  {
    root = NSTemporaryDirectory() + "wb-fake-\(UUID().uuidString)"
    let fm = FileManager.default
    for (folder, toml) in chapters {
      for tree in trees {
        try fm.createDirectory(atPath: "\(root)/\(tree)/\(folder)", withIntermediateDirectories: true)
      }
      try toml.write(toFile: "\(root)/lessons/\(folder)/chapter.toml", atomically: true, encoding: .utf8)
    }
    try fm.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
    let names = (listed ?? chapters.keys.sorted()).map { "  \"\($0)\"," }.joined(separator: "\n")
    try "let chapters = [\n\(names)\n]\n".write(toFile: "\(root)/Package.swift", atomically: true, encoding: .utf8)
  }

  func write(_ text: String, to relative: String) throws {
    try FileManager.default.createDirectory(
      atPath: (root + "/" + relative as NSString).deletingLastPathComponent,
      withIntermediateDirectories: true)
    try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
  }
}

let goodLocal = """
  number = 6
  slug = "frustum-culling"
  title = "Frustum culling"
  kind = "local"
  time_limit = 30
  teaches = ["planes"]

  [[hints]]
  checks = ["planes"]
  text = "one"

  [[hints]]
  checks = ["planes", "culled-set"]
  text = "two"
  """

let goodMPI = """
  number = 9
  slug = "point-to-point"
  title = "Point to point"
  kind = "mpi"
  ranks = [2, 3, 4]
  time_limit = 20.5
  teaches = ["ring"]

  [[hints]]
  checks = ["ring"]
  text = "h"
  """
