import Foundation

/// SplitMix64: a small seeded generator, so a failing random sequence can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The seed this generator started from (print it in failure messages).
    public let seed: UInt64
    private var state: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator seeded from the environment variable `variable` when set (to replay a failure), else at random.
    public init(environment variable: String) {
        self.init(seed: ProcessInfo.processInfo.environment[variable].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
