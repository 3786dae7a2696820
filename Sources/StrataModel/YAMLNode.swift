/// A node of a parsed YAML document, with the mark of where it starts and its byte span.
///
/// Aliases are resolved while parsing: an alias node is a copy of its anchor's node
/// (sharing storage), so consumers never see them.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts.
    public var mark: SourceMark
    /// The node's bytes in its file (for an alias, the alias itself).
    public var span: ByteSpan

    /// Creates a node.
    public init(_ content: Content, at mark: SourceMark, span: ByteSpan = .unknown) {
        self.content = content
        self.mark = mark
        self.span = span
    }

    /// The entries if this is a mapping.
    public var mappingEntries: [YAMLEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The scalar if this is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// Whether this is the YAML null (`null`, `~`, or nothing), unquoted.
    public var isNull: Bool { scalar?.resolved == .null }

    /// A word for the kind of node, for messages: `a mapping`, `a list`, `a string`...
    public var kindDescription: String {
        switch content {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.resolved.kindDescription
        }
    }
}

/// One `key: value` pair of a mapping.
public struct YAMLEntry: Sendable {
    /// The key node (a scalar in every valid Strata file).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when it is a scalar.
    public var keyText: String? { key.scalar?.text }
}

/// A scalar as written, with what the YAML 1.2 core schema makes of it.
///
/// The parts live in one immutable object, so copying a scalar (and a node holding one) costs one
/// reference count instead of one per string; setters replace the object.
public struct YAMLScalar: Sendable {
    /// How the scalar was written.
    public enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }

    private final class Storage: Sendable {
        let text: String
        let style: Style
        let tag: String?
        let resolved: ResolvedScalar

        init(text: String, style: Style, tag: String?, resolved: ResolvedScalar) {
            self.text = text
            self.style = style
            self.tag = tag
            self.resolved = resolved
        }
    }

    private var storage: Storage

    /// The text after YAML unescaping.
    public var text: String {
        get { storage.text }
        set { storage = Storage(text: newValue, style: storage.style, tag: storage.tag, resolved: storage.resolved) }
    }

    /// How it was written.
    public var style: Style {
        get { storage.style }
        set { storage = Storage(text: storage.text, style: newValue, tag: storage.tag, resolved: storage.resolved) }
    }

    /// An explicit tag (`!!str`, `tag:yaml.org,2002:int`), if any.
    public var tag: String? {
        get { storage.tag }
        set { storage = Storage(text: storage.text, style: storage.style, tag: newValue, resolved: storage.resolved) }
    }

    /// The core-schema interpretation (made when the scalar is created).
    public var resolved: ResolvedScalar { storage.resolved }

    /// Creates a scalar and resolves it.
    public init(text: String, style: Style, tag: String? = nil) {
        storage = Storage(
            text: text, style: style, tag: tag, resolved: ResolvedScalar.resolve(text: text, plain: style == .plain, tag: tag))
    }
}

/// What a scalar means under the YAML 1.2 core schema (quoted scalars are always strings).
public enum ResolvedScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    /// A word for the kind of value, for messages.
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .float: "a number"
        case .string: "a string"
        }
    }

    /// Resolves a scalar by the core schema, honouring the standard tags.
    public static func resolve(text: String, plain: Bool, tag: String?) -> ResolvedScalar {
        if let tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!!str": return .string(text)
            case "tag:yaml.org,2002:int", "!!int": return parseInt(text).map(ResolvedScalar.int) ?? .string(text)
            case "tag:yaml.org,2002:bool", "!!bool": return parseBool(text).map(ResolvedScalar.bool) ?? .string(text)
            case "tag:yaml.org,2002:null", "!!null": return .null
            default: break
            }
        }
        guard plain else { return .string(text) }
        // Most plain scalars are words; only these first bytes can begin a null, boolean or number.
        if let first = text.utf8.first, !mayStartNonString(first) { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let bool = parseBool(text) { return .bool(bool) }
        if let int = parseInt(text) { return .int(int) }
        if let float = parseFloat(text) { return .float(float) }
        return .string(text)
    }

    /// `~`, `n`/`N` (null), `t`/`T`/`f`/`F` (booleans), digits, signs and `.` (numbers, `.inf`, `.nan`).
    private static func mayStartNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "~"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    private static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func parseInt(_ text: String) -> Int? {
        var digits = Substring(text)
        var sign = 1
        if digits.first == "-" || digits.first == "+" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        if digits.hasPrefix("0x") { return Int(digits.dropFirst(2), radix: 16).map { $0 * sign } }
        if digits.hasPrefix("0o") { return Int(digits.dropFirst(2), radix: 8).map { $0 * sign } }
        guard digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(digits).map { $0 * sign }
    }

    private static func parseFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // Core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 { index += 1 }
        var mantissaDigits = 0
        while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1; mantissaDigits += 1 }
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == 101 || bytes[index] == 69 {
            index += 1
            if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 { index += 1 }
            var exponentDigits = 0
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        return Double(text)
    }
}
