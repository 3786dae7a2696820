public import StrataModel

/// The type of a setting value: what YAML is accepted and how it becomes a canonical ``Value``.
public indirect enum ValueType: Sendable {
    case string(StringFormat)
    case integer(ClosedRange<Int>)
    case boolean
    /// `30s`, `15m`, `6h`, `5d`, `2w`; canonical form is seconds.
    case duration
    /// One of a fixed set of lowercase words.
    case choice([String])
    /// `{env: NAME}` or `{file: PATH}`; a literal is refused.
    case secret
    /// A list of values; `minimumCount` items at least.
    case list(ValueType, minimumCount: Int)
    /// A mapping with known fields.
    case record(RecordSchema)
    /// A list of records identified by the `key` field, which must be unique.
    case keyedList(RecordSchema, key: String)
    /// Either the word `root` or a list (DNS servers).
    case rootOrList(ValueType)

    /// The keyed-list schema and key, if this is a keyed list.
    public var keyedList: (schema: RecordSchema, key: String)? {
        if case .keyedList(let schema, let key) = self { return (schema, key) }
        return nil
    }
}

/// Formats a string setting must follow.
public enum StringFormat: String, Sendable {
    /// Any non-empty text.
    case text
    /// A name of an item: no spaces or control characters.
    case identifier
    /// A fully qualified domain name.
    case fqdn
    /// A DNS host name or an IP address.
    case host
    /// An IPv4 or IPv6 address.
    case ipAddress
    /// An address with prefix length.
    case cidr
    /// A CIDR, or `default`.
    case route
    /// A domain (`example.com`, `.example.com` for subdomains), or `default`.
    case domainOrDefault
    /// `host[:port]` or `/dev/null`.
    case destination
    /// An e-mail address or a domain.
    case addressOrDomain
    /// An IANA time zone name.
    case timezone
    /// A crypt hash, `$6$...` or `$2b$...`.
    case passwordHash
}

/// Whether a field must be written, may be left out, or takes a default.
public enum FieldPresence: Sendable {
    case required
    case optional
    case defaulted(Value)
}

/// A reference from a field to an item of another feature (checked per machine, on the flattened result).
public struct ReferenceTarget: Sendable {
    /// The feature holding the target list.
    public var feature: FeatureName
    /// Field path inside the feature to the keyed list (`["queries"]` for `ldap.queries`), empty for the feature itself.
    public var path: [String]
    /// What a target is called in messages (`interface`, `footer`).
    public var noun: String
    /// When set, the target's `type` field must be one of these.
    public var allowedTypes: [String]?

    /// Creates a target.
    public init(feature: FeatureName, path: [String] = [], noun: String, allowedTypes: [String]? = nil) {
        self.feature = feature
        self.path = path
        self.noun = noun
        self.allowedTypes = allowedTypes
    }

    /// `text_resources`, `ldap.queries`: the target list as written in files.
    public var listName: String { ([feature.rawValue] + path).joined(separator: ".") }
}

/// One field of a record.
public struct FieldSchema: Sendable {
    /// The key in YAML.
    public var name: String
    /// Its type.
    public var type: ValueType
    /// Whether it is required, optional or defaulted.
    public var presence: FieldPresence
    /// One-line description for documentation and schemas.
    public var summary: String
    /// When the field names an item of another feature.
    public var reference: ReferenceTarget?
    /// What one item is called in messages, when the field is a keyed list (`LDAP query`).
    public var itemNoun: String?
    /// Filled in by the compiler, never written in a file (`failover.peers`): YAML refuses it, canonical JSON carries
    /// it, `export` and the JSON Schemas leave it out.
    public var derived: Bool

    /// Creates a field.
    public init(
        _ name: String, _ type: ValueType, _ presence: FieldPresence, _ summary: String, reference: ReferenceTarget? = nil,
        itemNoun: String? = nil, derived: Bool = false
    ) {
        self.name = name
        self.type = type
        self.presence = presence
        self.summary = summary
        self.reference = reference
        self.itemNoun = itemNoun
        self.derived = derived
    }
}

/// The fields of a record, and keys refused with a specific explanation.
public struct RecordSchema: Sendable {
    /// Known fields in canonical order.
    public var fields: [FieldSchema]
    /// Keys that are refused with their own code and help (`password` in `users`).
    public var refused: [String: RefusedKey]

    /// Creates a schema.
    public init(_ fields: [FieldSchema], refused: [String: RefusedKey] = [:]) {
        self.fields = fields
        self.refused = refused
    }

    /// The field with this name.
    public func field(_ name: String) -> FieldSchema? { fields.first { $0.name == name } }

    /// The names of the fields a file may write (the derived ones left out), in canonical order.
    public var writableFieldNames: [String] { fields.filter { !$0.derived }.map(\.name) }
}

/// A key refused with a specific diagnostic.
public struct RefusedKey: Sendable {
    /// The code to report.
    public var code: DiagnosticCode
    /// The message.
    public var message: String
    /// The fix.
    public var help: String

    /// Creates a refused key.
    public init(code: DiagnosticCode, message: String, help: String) {
        self.code = code
        self.message = message
        self.help = help
    }
}

extension RecordSchema {
    /// The record with every defaulted field at its default: what `{}` decodes to.
    public var defaultRecord: Value {
        .record(fields.compactMap { field in
            if case .defaulted(let value) = field.presence { return Field(field.name, value) }
            return nil
        })
    }
}
