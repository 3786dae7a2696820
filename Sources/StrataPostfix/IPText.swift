import StrataModel

/// Address arithmetic the cidr tables need: Postfix skips (with only a warning) a cidr rule whose
/// address has bits set beyond its prefix, so networks are written in their canonical form.
enum IPText {
    /// `address/prefix` with the host bits cleared, or nil when the text is not a CIDR block.
    static func network(_ text: String) -> String? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), String(prefix) == parts[1] else { return nil }
        let address = String(parts[0])
        if NameRules.isIPv4(address), (0...32).contains(prefix), let bytes = ipv4Bytes(address) {
            return masked(bytes, prefix).map(String.init).joined(separator: ".") + "/\(prefix)"
        }
        if NameRules.isIPv6(address), (0...128).contains(prefix), let bytes = ipv6Bytes(address) {
            return ipv6Text(masked(bytes, prefix)) + "/\(prefix)"
        }
        return nil
    }

    /// A partial IPv4 address as AsyncOS writes it (`10.1.1.` or `10.1.1`) as a CIDR block.
    static func partialIPv4(_ text: String) -> String? {
        let trimmed = text.hasSuffix(".") ? String(text.dropLast()) : text
        let octets = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(octets.count),
              octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil })
        else { return nil }
        let padded = octets.map(String.init) + Array(repeating: "0", count: 4 - octets.count)
        return padded.map { String(UInt8($0) ?? 0) }.joined(separator: ".") + "/\(octets.count * 8)"
    }

    /// What `inet_interfaces` must name for a listener bound to `address`: Linux answers the whole
    /// of 127.0.0.0/8 on `lo`, but Postfix refuses an `inet_interfaces` address that is not assigned
    /// to an interface ("no local interface found for 127.0.0.2"), so loopback aliases are 127.0.0.1.
    static func inetInterface(for address: String) -> String {
        address.hasPrefix("127.") && NameRules.isIPv4(address) ? "127.0.0.1" : address
    }

    /// The address part of an interface's `address/prefix`.
    static func address(ofInterface text: String) -> String {
        String(text.split(separator: "/", maxSplits: 1).first ?? Substring(text))
    }

    private static func masked(_ bytes: [UInt8], _ prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let keep = max(0, min(8, prefix - index * 8))
            return keep == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
    }

    private static func ipv4Bytes(_ text: String) -> [UInt8]? {
        let octets = text.split(separator: ".").compactMap { UInt8($0) }
        return octets.count == 4 ? octets : nil
    }

    private static func ipv6Bytes(_ text: String) -> [UInt8]? {
        let halves = splitOnDoubleColon(text)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            part.isEmpty ? [] : part.split(separator: ":", omittingEmptySubsequences: false).map { UInt16($0, radix: 16) }
                .reduce(into: [UInt16]?([])) { result, group in
                    guard let group else { result = nil; return }
                    result?.append(group)
                }
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let fill = 8 - head.count - tail.count
        guard halves.count == 2 ? fill >= 0 : fill == 0 else { return nil }
        let all = head + Array(repeating: 0, count: fill) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    private static func splitOnDoubleColon(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if character == ":" && previous == ":" {
                current.removeLast()
                parts.append(current)
                current = ""
                previous = nil
                continue
            }
            current.append(character)
            previous = character
        }
        parts.append(current)
        return parts
    }

    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":")
    }
}
