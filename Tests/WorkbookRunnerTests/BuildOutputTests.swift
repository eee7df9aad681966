import Foundation
import Launch
import Testing
import WorkbookRunner

@Suite struct BuildOutputTests {
  @Test func findsErrorsWithFileLineAndColumn() {
    let log = """
      [3/9] Compiling exercise06 Culling.swift
      /work/main/exercises/06-frustum-culling/Culling.swift:12:5: error: cannot find 'plane' in scope
       10 |   func f() {
       11 |
       12 |     plane.x = 1
          |     `- error: cannot find 'plane' in scope
      /work/main/exercises/06-frustum-culling/Culling.swift:12:5: error: cannot find 'plane' in scope
      /work/main/Sources/X.swift:3:1: warning: unused
      """
    let errors = Builder.parseErrors(log)
    #expect(errors.count == 1)
    #expect(errors[0].line == 12 && errors[0].column == 5)
    #expect(errors[0].file.hasSuffix("Culling.swift"))
    #expect(errors[0].message == "cannot find 'plane' in scope")
  }
}
