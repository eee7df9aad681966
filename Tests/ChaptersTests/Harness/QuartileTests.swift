import Foundation
import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

@Suite struct QuartileTests {
  @Test func quartilesAreMediansOfTheHalves() {
    // Odd count: the middle sample belongs to neither half.
    let odd = Timings(samples: [5, 1, 4, 2, 3])
    #expect(odd.quartiles! == (1.5, 4.5))
    #expect(odd.interquartileRange == 3)
    // Even count.
    let even = Timings(samples: [8, 1, 7, 2, 6, 3])
    #expect(even.quartiles! == (2, 7))
    // An outlier moves the maximum, not the quartiles of a larger set.
    let steady = Timings(samples: [10, 11, 10, 12, 11, 10, 11, 12, 500])
    #expect(steady.interquartileRange <= 2)
    #expect(Timings(samples: [3]).quartiles == nil)
    #expect(Timings(samples: [3]).interquartileRange == 0)
  }
}
