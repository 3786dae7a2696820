/// The large tables of a generated cluster: SMTP routes, host access rows, users, unsubscribe entries.
///
/// Everything derives from the indices, so the same shape always gives the same bytes.
enum FleetTables {
    private static let words = [
        "acme", "globex", "initech", "umbrella", "stark", "wayne", "tyrell", "cyberdyne", "hooli", "soylent",
        "wonka", "oscorp", "vandelay", "dunder", "gringotts", "monarch",
    ]
    private static let policies = ["accept", "relay", "reject", "tcprefuse", "continue"]
    private static let roles = ["admin", "operator", "read_only", "guest", "help_desk"]
    private static let hashAlphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// `count` routes for domains under `zone` (`c001.example.com`, `g2.c001.example.com`).
    static func smtpRoutes(count: Int, zone: String) -> BenchValue {
        .list((0..<count).map { index in
            let domain = index == 0 ? "default" : "\(words[index % words.count])\(index).\(zone)"
            let destinations: [BenchValue]
            switch index % 50 {
            case 49: destinations = [.string("/dev/null")]
            case let rest where rest % 3 == 0: destinations = [.string("mx1.\(words[index % words.count])\(index).\(zone):25")]
            default:
                destinations = [
                    .string("mx1.\(words[index % words.count])\(index).\(zone):25"),
                    .string("mx2.\(words[index % words.count])\(index).\(zone):2525"),
                ]
            }
            return .record(["domain": .string(domain), "destinations": .list(destinations)])
        })
    }

    /// `count` host access table rows; the last one catches everything.
    static func hat(count: Int, seed: Int) -> BenchValue {
        .list((0..<count).map { index in
            guard index < count - 1 else { return .record(["match": .string("ALL"), "policy": .string("accept")]) }
            let number = index + seed
            let match =
                index % 5 == 4
                ? ".\(words[number % words.count])-spam\(number).example.net"
                : "198.\(18 + (number >> 16) % 2).\((number >> 8) & 255).\(number & 255)/32"
            return .record(["match": .string(match), "policy": .string(policies[(number * 7) % policies.count])])
        })
    }

    /// Recipient access rows for a cluster's domains.
    static func rat(zone: String) -> BenchValue {
        .list((0..<10).map { index in
            .record(["recipient": .string("dept\(index).\(zone)"), "action": .string("accept")])
        } + [.record(["recipient": .string("ALL"), "action": .string("reject")])])
    }

    /// Administrative accounts with crypt hashes.
    static func users(count: Int, cluster: Int) -> BenchValue {
        .list((0..<count).map { index in
            var generator = SplitMix(seed: UInt64(cluster * 1_000_003 + index))
            let salt = String((0..<16).map { _ in hashAlphabet[Int(generator.next() % 64)] })
            let digest = String((0..<86).map { _ in hashAlphabet[Int(generator.next() % 64)] })
            return .record([
                "name": .string(index == 0 ? "admin" : "ops\(index)"),
                "role": .string(roles[index % roles.count]),
                "password_hash": .string("$6$rounds=656000$\(salt)$\(digest)"),
            ])
        })
    }

    /// Unsubscribed addresses and domains.
    static func unsubscribe(count: Int, zone: String) -> BenchValue {
        .list((0..<count).map { index in
            index % 4 == 3
                ? .string("optout\(index).\(words[index % words.count]).example.org")
                : .string("user\(index)@\(words[index % words.count]).\(zone)")
        })
    }
}

/// A small deterministic pseudo-random generator (SplitMix64), so generated text never depends on the platform.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
