/// Allocation-free checks that certify the usual, valid spellings of the string formats.
///
/// They only ever answer "certainly valid": anything else goes on to the exact rules
/// (``NameRules`` and friends), so verdicts and messages are the same as without them.
enum FastFormatCheck {
    /// Whether `text` is certainly valid in `format`; false means "ask the exact rules".
    static func certainlyValid(_ text: String, _ format: StringFormat) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in check(bytes[...], format) } ?? false
    }

    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    private static func check(_ bytes: Bytes, _ format: StringFormat) -> Bool {
        switch format {
        case .identifier: return bytes.allSatisfy { $0 > 32 && $0 < 127 }
        case .fqdn: return isHostName(bytes) && bytes.contains(dot)
        case .host: return isHostName(bytes) || isIPv4(bytes)
        case .ipAddress: return isIPv4(bytes)
        case .cidr, .route: return isIPv4CIDR(bytes)
        case .domainOrDefault:
            // Any spelling of the keyword (`Default`) is for the exact rules to judge.
            return !isKeywordDefault(bytes) && isHostName(bytes.first == dot ? bytes.dropFirst() : bytes)
        case .destination: return isDestination(bytes)
        case .addressOrDomain: return isAddressOrDomain(bytes)
        case .text, .timezone, .passwordHash: return false
        }
    }

    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// NameRules.isHostName in one pass: labels of letters, digits and inner hyphens, not all numeric.
    private static func isHostName(_ bytes: Bytes) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labelLength = 0
        var labelNumeric = true
        var everyLabelNumeric = true
        var previous = dot
        for byte in bytes {
            if byte == dot {
                guard labelLength > 0, previous != hyphen else { return false }
                everyLabelNumeric = everyLabelNumeric && labelNumeric
                labelLength = 0
                labelNumeric = true
            } else {
                guard isAlnum(byte) || byte == hyphen, labelLength > 0 || byte != hyphen else { return false }
                labelLength += 1
                guard labelLength <= 63 else { return false }
                labelNumeric = labelNumeric && isDigit(byte)
            }
            previous = byte
        }
        guard labelLength > 0, previous != hyphen else { return false }
        return !(everyLabelNumeric && labelNumeric)
    }

    private static func isKeywordDefault(_ bytes: Bytes) -> Bool {
        bytes.count == 7 && zip(bytes, "default".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// A dotted quad without leading zeros.
    private static func isIPv4(_ bytes: Bytes) -> Bool {
        var parts = 0
        var digits = 0
        var value = 0
        var leadingZero = false
        for byte in bytes {
            if byte == dot {
                guard digits > 0 else { return false }
                parts += 1
                digits = 0
                value = 0
            } else {
                guard isDigit(byte), !(digits > 0 && leadingZero) else { return false }
                if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
                digits += 1
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                guard digits <= 3, value <= 255 else { return false }
            }
        }
        return digits > 0 && parts == 3
    }

    /// `192.0.2.10/24`: an IPv4 address, one slash, a prefix of one or two digits up to 32.
    private static func isIPv4CIDR(_ bytes: Bytes) -> Bool {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let prefix = bytes[(slash + 1)...]
        guard (1...2).contains(prefix.count), prefix.allSatisfy(isDigit) else { return false }
        return prefix.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } <= 32 && isIPv4(bytes[..<slash])
    }

    /// `host`, `host:port` with a host name or IPv4 address and a port of 1...65535 in plain digits.
    private static func isDestination(_ bytes: Bytes) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return isHostName(bytes) || isIPv4(bytes) }
        let host = bytes[..<colon]
        let port = bytes[(colon + 1)...]
        guard (1...5).contains(port.count), port.allSatisfy(isDigit) else { return false }
        let number = port.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return (1...65_535).contains(number) && (isHostName(host) || isIPv4(host))
    }

    /// `user@domain` with a printable ASCII local part, or a bare domain.
    private static func isAddressOrDomain(_ bytes: Bytes) -> Bool {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return isHostName(bytes) }
        let local = bytes[..<at]
        guard !local.isEmpty, local.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "@") }) else { return false }
        return isHostName(bytes[(at + 1)...])
    }
}
