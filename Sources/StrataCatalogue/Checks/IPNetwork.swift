import StrataModel

/// An address and its prefix length as bytes: enough arithmetic to tell whether an address lies in a subnet.
struct IPNetwork: Equatable {
    /// 4 bytes (IPv4) or 16 (IPv6).
    var bytes: [UInt8]
    /// The prefix length (32 or 128 for a bare address).
    var prefix: Int

    var isIPv6: Bool { bytes.count == 16 }

    /// `192.0.2.10/24`, `2001:db8::1/64`, or a bare address (full prefix).
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.bytes(of: first) else { return nil }
        let full = bytes.count * 8
        guard let prefix = parts.count == 2 ? Int(parts[1]) : full, (0...full).contains(prefix) else { return nil }
        self.bytes = bytes
        self.prefix = prefix
    }

    /// The address without its prefix length, as written (`192.0.2.10/24` → `192.0.2.10`).
    static func addressText(_ cidr: String) -> String {
        cidr.split(separator: "/", maxSplits: 1).first.map(String.init) ?? cidr
    }

    /// Whether `address` is in this network (same family, same first `prefix` bits).
    func contains(_ address: IPNetwork) -> Bool {
        guard address.bytes.count == bytes.count else { return false }
        var remaining = prefix
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != address.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    private static func bytes(of address: String) -> [UInt8]? {
        if NameRules.isIPv4(address) {
            let octets = address.split(separator: ".").compactMap { UInt8($0) }
            return octets.count == 4 ? octets : nil
        }
        guard NameRules.isIPv6(address) else { return nil }
        let groups = ClusterUniquenessCheck.canonicalAddress(address).split(separator: ":").compactMap { UInt16($0, radix: 16) }
        guard groups.count == 8 else { return nil }
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
