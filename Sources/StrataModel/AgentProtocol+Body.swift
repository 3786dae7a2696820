/// The wire types read straight from HTTP body bytes, exactly as the agent reads requests and the
/// controller reads answers (no HTTP library involved, so fuzz targets can call them directly).
extension ApplyRequest {
    /// Decodes a `POST /v1/apply` body as the agent does: strict JSON (valid UTF-8, nesting at most
    /// ``AgentBody/maxDepth``), then the strict shape. The failure's message is the agent's 400 message.
    public init(body: [UInt8]) throws(JSONObjectReader.Failure) {
        try self.init(json: AgentBody.json(body))
    }
}

extension RollbackRequest {
    /// Decodes a `POST /v1/rollback` body as the agent does (see ``ApplyRequest/init(body:)``).
    public init(body: [UInt8]) throws(JSONObjectReader.Failure) {
        try self.init(json: AgentBody.json(body))
    }
}

extension AgentState {
    /// Decodes an agent's 200 answer (`GET /v1/state`, apply, rollback) as the controller does.
    public init(body: [UInt8]) throws(JSONObjectReader.Failure) {
        try self.init(json: AgentBody.json(body))
    }
}

extension AgentErrorBody {
    /// Decodes an agent's non-2xx answer as the controller does; nil when it is not the error shape.
    public init?(body: [UInt8]) {
        guard let json = try? AgentBody.json(body) else { return nil }
        self.init(json: json)
    }
}

/// Body bytes to JSON for the agent protocol.
public enum AgentBody {
    /// The deepest nesting accepted in a request or an answer.
    public static let maxDepth = 64

    /// Parses a body; a failure names the byte where the document stops being acceptable JSON.
    public static func json(_ bytes: [UInt8]) throws(JSONObjectReader.Failure) -> JSON {
        do {
            return try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            throw JSONObjectReader.Failure("the body is not valid JSON: \(error)")
        }
    }
}
