public import StrataModel

/// Generates JSON Schemas (draft 2020-12) for each kind of file from the catalogue, so editors check what the compiler checks.
public enum JSONSchemaGenerator {
    /// The kinds of file there is a schema for.
    public enum FileKind: String, CaseIterable, Sendable {
        case cluster, group, machine, standalone
    }

    /// The schema of one kind of file.
    public static func schema(for kind: FileKind) -> JSON {
        var properties: [(String, JSON)] = []
        var required: [String] = []
        let level: Level?
        switch kind {
        case .cluster:
            level = .cluster
            properties.append(("requires", record(FileSchemas.requires, description: "what every machine and agent must satisfy")))
            properties.append(("agents", record(FileSchemas.agents, description: "how the controller reaches the node agents; absent: the embedded local state store")))
        case .group:
            level = .group
        case .machine:
            level = .machine
            properties.append(("group", describe(type(.string(.identifier)), "the machine's group (a file under groups/)")))
            properties.append(("serial", describe(type(.string(.identifier)), "the appliance serial number, unique in the cluster")))
            properties.append(("agent", describe(.object([("type", .string("string")), ("pattern", .string("^https?://"))]), "agent URL overriding https://<machine>:<port>")))
            required.append("group")
        case .standalone:
            level = nil
            properties.append(("standalone", describe(type(.string(.text)), "the machine this standalone file configures")))
            properties.append(("serial", describe(type(.string(.identifier)), "the appliance serial number")))
            required.append("standalone")
        }
        let features = Catalogue.features.filter { level == nil || $0.levels.contains(level!) }
        let settings: JSON = .object([
            ("type", .string("object")),
            ("description", .string("features configured in this mode; a feature replaces the value of the modes above as a whole")),
            ("properties", .object(features.map { ($0.name.rawValue, describe(type($0.type), $0.summary)) })),
            ("additionalProperties", .bool(false)),
        ])
        properties.append(("settings", settings))
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("Strata \(kind.rawValue) file")),
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("required", .array(required.map(JSON.string))),
            ("additionalProperties", .bool(false)),
        ])
    }

    private static func describe(_ schema: JSON, _ description: String) -> JSON {
        guard case .object(var fields) = schema else { return schema }
        fields.insert(("description", .string(description)), at: 0)
        return .object(fields)
    }

    private static func record(_ schema: RecordSchema, description: String? = nil) -> JSON {
        var fields: [(String, JSON)] = []
        if let description { fields.append(("description", .string(description))) }
        fields.append(("type", .string("object")))
        let written = schema.fields.filter { !$0.derived }
        fields.append(("properties", .object(written.map { ($0.name, describe(type($0.type), $0.summary)) })))
        let required = schema.fields.filter { if case .required = $0.presence { true } else { false } }.map(\.name)
        if !required.isEmpty { fields.append(("required", .array(required.map(JSON.string)))) }
        fields.append(("additionalProperties", .bool(false)))
        return .object(fields)
    }

    static func type(_ type: ValueType) -> JSON {
        switch type {
        case .string(let format):
            var fields: [(String, JSON)] = [("type", .string("string")), ("minLength", .int(1))]
            if let pattern = pattern(for: format) { fields.append(("pattern", .string(pattern))) }
            return .object(fields)
        case .integer(let range):
            return .object([("type", .string("integer")), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound))])
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .duration:
            return .object([("type", .string("string")), ("pattern", .string("^[0-9]{1,12}[smhdw]$"))])
        case .choice(let words):
            return .object([("enum", .array(words.map(JSON.string)))])
        case .secret:
            func source(_ key: String) -> JSON {
                .object([
                    ("type", .string("object")),
                    ("properties", .object([(key, .object([("type", .string("string")), ("minLength", .int(1))]))])),
                    ("required", .array([.string(key)])),
                    ("additionalProperties", .bool(false)),
                ])
            }
            return .object([("oneOf", .array([source("env"), source("file")]))])
        case .list(let element, let minimumCount):
            var fields: [(String, JSON)] = [("type", .string("array")), ("items", Self.type(element))]
            if minimumCount > 0 { fields.append(("minItems", .int(minimumCount))) }
            return .object(fields)
        case .record(let schema):
            return record(schema)
        case .keyedList(let schema, _):
            return .object([("type", .string("array")), ("items", record(schema))])
        case .rootOrList(let element):
            return .object([("oneOf", .array([
                .object([("const", .string("root"))]),
                .object([("type", .string("array")), ("items", Self.type(element)), ("minItems", .int(1))]),
            ]))])
        }
    }

    private static func pattern(for format: StringFormat) -> String? {
        switch format {
        case .identifier: "^[^\\s]+$"
        case .cidr: "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"
        case .route: "^(default|[0-9A-Fa-f:.]+/[0-9]{1,3})$"
        case .ipAddress: "^[0-9A-Fa-f:.]+$"
        case .fqdn: "^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$"
        case .passwordHash: "^\\$(6|2b)\\$.{17,}$"
        case .timezone: "^[A-Za-z0-9_+/-]+$"
        case .destination: "^(/dev/null|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?|[A-Za-z0-9.-]+(:[0-9]{1,5})?)$"
        case .text, .host, .domainOrDefault, .addressOrDomain: nil
        }
    }
}
