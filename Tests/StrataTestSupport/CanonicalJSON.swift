import Foundation

/// Parses a JSON object.
public func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? [String: Any] else {
        throw FixtureError("not a JSON object: \(text)")
    }
    return object
}

/// Any JSON value re-serialised with sorted keys, for exact comparisons of parsed values.
public func canonicalJSON(_ value: Any?) throws -> String {
    guard let value, !(value is NSNull) else { return "null" }
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    return String(decoding: data, as: UTF8.self)
}

/// JSON text re-serialised with sorted keys.
public func canonicalJSON(text: String) throws -> String {
    try canonicalJSON(JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
}
