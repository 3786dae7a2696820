/// The syntax rules for names and addresses, shared by loading, checking and the CLI.
public enum NameRules {
    /// Cluster and group names: `[A-Za-z0-9][A-Za-z0-9_.-]{0,63}`.
    public static func isValidClusterOrGroupName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 64, isAlnum(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// Machine names: a lowercase DNS host name or an IP address.
    public static func isValidMachineName(_ name: String) -> Bool {
        isIPAddress(name) || isHostName(name, lowercaseOnly: true)
    }

    /// A DNS host name: dot-separated labels of letters, digits and inner hyphens, at most 253 bytes.
    public static func isHostName(_ name: String, lowercaseOnly: Bool = false) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else { return false }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
            for byte in label {
                let upper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                if lowercaseOnly && upper { return false }
                guard isAlnum(byte) || byte == UInt8(ascii: "-") else { return false }
            }
        }
        // An all-numeric name is an address, not a host name.
        return !labels.allSatisfy { $0.allSatisfy(isDigit) }
    }

    /// A fully qualified domain name: a host name with at least two labels.
    public static func isFQDN(_ name: String) -> Bool {
        isHostName(name) && name.contains(".")
    }

    /// An IPv4 or IPv6 address.
    public static func isIPAddress(_ text: String) -> Bool { isIPv4(text) || isIPv6(text) }

    /// A dotted-quad IPv4 address.
    public static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy(isDigit), let value = Int(part) else { return false }
            return value <= 255 && !(part.count > 1 && part.first == "0")
        }
    }

    /// An IPv6 address in the usual colon-hex notation, with at most one `::`.
    public static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        var body = Substring(text)
        var groupsNeeded = 8
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(body[body.index(after: lastColon)...])) else { return false }
            body = body[...lastColon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
            groupsNeeded = 6
        }
        let doubles = body.ranges(of: "::")
        guard doubles.count <= 1 else { return false }
        let halves = doubles.first.map { [String(body[..<$0.lowerBound]), String(body[$0.upperBound...])] } ?? [String(body)]
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            return items.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isHexDigit) } ? items : nil
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 2 {
            guard let tail = groups(halves[1]) else { return false }
            return head.count + tail.count < groupsNeeded
        }
        return head.count == groupsNeeded
    }

    /// An address with a prefix length: `192.0.2.10/24`, `2001:db8::1/64`.
    public static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), parts[1].utf8.allSatisfy(isDigit) else { return false }
        let address = String(parts[0])
        if isIPv4(address) { return (0...32).contains(prefix) }
        if isIPv6(address) { return (0...128).contains(prefix) }
        return false
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
