import Foundation
import StrataCompile
import Testing
import StrataCatalogue

/// "Did you mean" stays a typo helper: it finds near misses and costs nothing on hostile values (a fuzzer
/// found a 60 KB time zone in an agent's answer taking 11 s of edit distances against every IANA zone).
@Suite struct SuggestionTests {
    @Test func aNearMissIsSuggested() {
        #expect(Suggestion.closest(to: "Amrica/New_York", among: ["America/New_York", "Europe/Paris"]) == "America/New_York")
        #expect(Suggestion.closest(to: "listners", among: ["listeners", "interfaces"]) == "listeners")
    }

    @Test func aFarMissIsNot() {
        #expect(Suggestion.closest(to: "qqqqqqqqqq", among: ["listeners", "interfaces"]) == nil)
    }

    @Test func aHugeWordIsComparedWithNothing() {
        let candidates = (0..<600).map { "Region\($0)/City_Name_\($0)" }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(Suggestion.closest(to: String(repeating: "x", count: 200_000), among: candidates) == nil)
        }
        // A hang guard, not a measurement: the quadratic version took minutes on this input.
        #expect(elapsed < .seconds(5))
    }
}
