import Foundation
import StrataModel
#if canImport(Glibc)
import Glibc
#endif

/// An answer from the agent.
struct HTTPReply {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON (nil when it is not).
    var json: JSON? { try? JSONParser.parse(body) }

    /// `error.code` of an error body.
    var errorCode: String? { json?["error"]?["code"]?.stringValue }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// A tiny blocking HTTP/1.1 client over a loopback TCP socket: one request per connection.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends a request and reads the whole answer (the server closes: `Connection: close`).
    static func send(
        port: Int, method: String, path: String, token: String? = nil, body: [UInt8]? = nil, headers: [(String, String)] = []
    ) throws -> HTTPReply {
        let socket = try connect(port: port)
        defer { close(socket) }
        try write(socket, request(method: method, path: path, token: token, body: body, headers: headers))
        return try parse(readAll(socket))
    }

    /// Sends a JSON body.
    static func send(port: Int, method: String, path: String, token: String?, json: JSON) throws -> HTTPReply {
        try send(port: port, method: method, path: path, token: token, body: Array(json.rendered().utf8), headers: [("Content-Type", "application/json")])
    }

    /// The bytes of a request.
    static func request(
        method: String, path: String, token: String?, body: [UInt8]?, headers: [(String, String)], contentLength: Int? = nil,
        keepAlive: Bool = false
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? "" : "Connection: close\r\n")
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let length = contentLength ?? body?.count { head += "Content-Length: \(length)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }

    /// A connected socket with a receive time-out, so a broken agent fails the test instead of hanging it.
    static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return descriptor
    }

    static func write(_ socket: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            offset += count
        }
    }

    static func readAll(_ socket: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Failure(description: "recv failed: errno \(errno)") }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Parses a whole HTTP/1.1 response (Content-Length, chunked, or until close).
    static func parse(_ bytes: [UInt8]) throws -> HTTPReply {
        guard let end = find([13, 10, 13, 10], in: bytes) else { throw Failure(description: "no complete response head in \(bytes.count) bytes") }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(head[0])") }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(bytes[(end + 4)...])
        let reply = HTTPReply(status: status, headers: headers, body: [])
        if reply.header("Transfer-Encoding")?.lowercased() == "chunked" {
            body = try dechunk(body)
        } else if let length = reply.header("Content-Length").flatMap(Int.init) {
            body = Array(body.prefix(length))
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while let lineEnd = find([13, 10], in: Array(bytes[index...])) {
            let sizeText = String(decoding: bytes[index..<(index + lineEnd)], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw Failure(description: "bad chunk size") }
            index += lineEnd + 2
            if size == 0 { return out }
            out.append(contentsOf: bytes[index..<(index + size)])
            index += size + 2
        }
        return out
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension RawHTTP {
    /// Blocks until the agent closes `socket` (EOF or reset), discarding what it sends; the socket's
    /// 60 s receive time-out is the hang guard. Returns the seconds waited.
    static func waitForClose(_ socket: Int32) throws -> Double {
        let start = ContinuousClock.now
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count == 0 || (count < 0 && errno == ECONNRESET) { break }
            guard count > 0 else { throw Failure(description: "the connection was not closed: errno \(errno)") }
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
