import Dispatch

extension Array where Element: Sendable {
    /// `map` with the elements transformed on every core; the results keep the elements' order.
    ///
    /// For independent, CPU-bound work (parsing files, compiling clusters). Each call of `transform` writes
    /// only its own result slot, so the slots need no lock.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = ResultSlots(buffer: buffer)
            withoutActuallyEscaping(transform) { transform in
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    slots.buffer[index] = transform(self[index])
                }
            }
        }
        return results.map { $0! }
    }
}

/// The result buffer of ``Swift/Array/parallelMap(_:)``: every worker writes a different index.
private struct ResultSlots<Result>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result?>
}
