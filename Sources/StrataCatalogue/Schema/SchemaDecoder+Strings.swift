import Foundation
import StrataModel

extension SchemaDecoder {
    private static let timezones: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC", "Etc/UTC"])

    mutating func decodeString(_ node: YAMLNode, format: StringFormat, at path: () -> String) -> Value? {
        guard case .string(let text) = node.scalar?.resolved else { return mismatch(node, expected: "a string", at: path) }
        guard !text.isEmpty else {
            diagnostics.report(.invalidValue, "'\(path())' is empty", at: location(node))
            return nil
        }
        if !FastFormatCheck.certainlyValid(text, format), let problem = Self.problem(with: text, format: format) {
            diagnostics.report(.invalidValue, "'\(path())' is '\(text)', \(problem.message)", at: location(node), help: problem.help)
            return nil
        }
        return Value(.string(text), at: location(node))
    }

    // FastFormatCheck certifies the usual valid spellings before these rules run: a rule that refuses
    // something new must be mirrored there (as `Default` for domainOrDefault is), or it is never reached.
    static func problem(with text: String, format: StringFormat) -> (message: String, help: String?)? {
        switch format {
        case .text:
            return nil
        case .identifier:
            let bad = text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 32 || $0.value == 127 }
            return bad ? ("which contains spaces or control characters", "names are single words such as IncomingMail") : nil
        case .fqdn:
            return NameRules.isFQDN(text) ? nil : ("not a fully qualified domain name", "write a name such as mail.example.com")
        case .host:
            return NameRules.isHostName(text) || NameRules.isIPAddress(text) ? nil : ("not a host name or IP address", nil)
        case .ipAddress:
            return NameRules.isIPAddress(text) ? nil : ("not an IP address", nil)
        case .cidr:
            return NameRules.isCIDR(text) ? nil : ("not an address with a prefix length", "write it as 192.0.2.10/24")
        case .route:
            return text == "default" || NameRules.isCIDR(text) ? nil : ("not a network (CIDR) or `default`", "write it as 198.51.100.0/24")
        case .domainOrDefault:
            if text != "default" && text.lowercased() == "default" { return ("which is not the keyword `default`", "write default in lowercase") }
            let domain = text.hasPrefix(".") ? String(text.dropFirst()) : text
            return text == "default" || NameRules.isHostName(domain) ? nil : ("not a domain or `default`", nil)
        case .destination:
            return isDestination(text) ? nil : ("not `host[:port]` or `/dev/null`", "write it as mx1.example.com:25")
        case .addressOrDomain:
            return isAddressOrDomain(text) ? nil : ("not an e-mail address or a domain", nil)
        case .timezone:
            return timezones.contains(text)
                ? nil : ("not an IANA time zone", Suggestion.closest(to: text, among: Array(timezones)).map { "did you mean '\($0)'?" })
        case .passwordHash:
            return (text.hasPrefix("$6$") || text.hasPrefix("$2b$")) && text.count > 20
                ? nil : ("not a crypt hash of the form $6$... or $2b$...", "generate one with `mkpasswd -m sha-512`")
        }
    }

    private static func isDestination(_ text: String) -> Bool {
        if text == "/dev/null" { return true }
        if text.hasPrefix("[") {
            // [2001:db8::1]:25 or [2001:db8::1]
            guard let close = text.firstIndex(of: "]") else { return false }
            let address = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            return NameRules.isIPAddress(address) && (rest.isEmpty || isPortSuffix(rest))
        }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let host = String(parts[0])
        guard NameRules.isHostName(host) || NameRules.isIPv4(host) else { return false }
        return parts.count == 1 || isPortSuffix(":" + parts[1])
    }

    private static func isPortSuffix(_ text: Substring) -> Bool {
        guard text.first == ":", let port = Int(text.dropFirst()) else { return false }
        return (1...65_535).contains(port)
    }

    private static func isAddressOrDomain(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return NameRules.isHostName(text)
        case 2: return !parts[0].isEmpty && !parts[0].contains(" ") && NameRules.isHostName(String(parts[1]))
        default: return false
        }
    }
}
