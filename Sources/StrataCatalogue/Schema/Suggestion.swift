/// "Did you mean" suggestions for misspelt keys and names.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            // The distance is at least the difference in length: skip candidates that could not be suggested
            // (so a hostile 60 KB value costs nothing here) or cannot beat the best.
            let other = candidate.lowercased()
            let lengthDifference = abs(other.utf8.count - lowered.utf8.count)
            if lengthDifference > allowedDistance(word, candidate) { continue }
            if let best, lengthDifference >= best.distance { continue }
            let distance = editDistance(lowered, other)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        return best.distance <= allowedDistance(word, best.candidate) ? best.candidate : nil
    }

    /// How many edits still look like a typo of `candidate`.
    private static func allowedDistance(_ word: String, _ candidate: String) -> Int {
        max(2, min(word.count, candidate.count) / 3)
    }

    /// `; did you mean 'x'?` or nothing.
    package static func clause(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
