import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fake agent on 127.0.0.1 that misbehaves in one chosen way, for the fault suite. Plain blocking sockets, one
/// thread per connection (the test target has no NIO); every loop is bounded in time, and `stop()` (or release)
/// closes the listener and ends the connections' loops within a fraction of a second.
final class RogueAgent: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Accepts, reads the request, never answers.
        case hang
        /// Answers a head promising a large body, then one byte every 100 ms.
        case trickle
        /// Answers bytes that are not HTTP.
        case garbage
        /// A 200 whose body is not JSON.
        case notJSON
        /// A 200 with a chunked body that never stops (64 MiB at most).
        case oversized
        /// A 200 whose body is 100,000 nested arrays.
        case deeplyNested
        /// A 200 with this body.
        case answer(String)
    }

    /// The longest any connection is served, whatever happens.
    static let connectionLimit: TimeInterval = 120

    let behaviour: Behaviour
    private(set) var port = 0
    private let listener: Int32
    private let lock = NSLock()
    private var stopping = false
    private var accepted = 0

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw LabError("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(listener, socketAddress, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, socketAddress, &length) == 0
            }
        }
        guard bound else { throw LabError("bind/listen: \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Connections accepted so far.
    var connections: Int { lock.withLock { accepted } }

    private var isStopping: Bool { lock.withLock { stopping } }

    /// Closes the listener; open connections end at their next check (at most 200 ms later).
    func stop() {
        let first = lock.withLock {
            defer { stopping = true }
            return !stopping
        }
        if first {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        let started = Date()
        while !isStopping, Date().timeIntervalSince(started) < Self.connectionLimit {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            lock.withLock { accepted += 1 }
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            Thread { [self] in
                serve(connection)
                close(connection)
            }.start()
        }
    }

    private func serve(_ connection: Int32) {
        guard readHead(connection) else { return }
        switch behaviour {
        case .hang:
            waitForClose(connection)
        case .trickle:
            guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n") else { return }
            let started = Date()
            while !isStopping, Date().timeIntervalSince(started) < Self.connectionLimit, send(connection, " ") {
                usleep(100_000)
            }
        case .garbage:
            _ = send(connection, "\u{1B}]0;not http\u{07}\r\n\u{00}\u{7F} garbage garbage\r\n\r\n")
        case .notJSON:
            _ = send(connection, Self.ok("<html>this is not an agent</html>"))
        case .oversized:
            guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
            let chunk = String(format: "%x\r\n", 65_536) + String(repeating: " ", count: 65_536) + "\r\n"
            for _ in 0..<1_024 where !isStopping {
                guard send(connection, chunk) else { return }
            }
        case .deeplyNested:
            _ = send(connection, Self.ok(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)))
        case .answer(let body):
            _ = send(connection, Self.ok(body))
            waitForClose(connection)
        }
    }

    private static func ok(_ body: String) -> String {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    /// Reads up to the end of the request head (the controller's requests here have no body worth reading).
    private func readHead(_ connection: Int32) -> Bool {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let started = Date()
        while !isStopping, Date().timeIntervalSince(started) < 10 {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count == 0 { return false }
            if count < 0 { if errno == EAGAIN || errno == EINTR { continue } else { return false } }
            received += buffer[0..<count]
            if received.count > 64 << 10 { return false }
            if String(decoding: received, as: UTF8.self).contains("\r\n\r\n") { return true }
        }
        return false
    }

    /// Holds the connection open until the peer closes it (or the agent stops).
    private func waitForClose(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let started = Date()
        while !isStopping, Date().timeIntervalSince(started) < Self.connectionLimit {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count == 0 { return }
            if count < 0 && errno != EAGAIN && errno != EINTR { return }
        }
    }

    private func send(_ connection: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        let started = Date()
        while offset < bytes.count, !isStopping, Date().timeIntervalSince(started) < 30 {
            let written = bytes.withUnsafeMutableBytes { Glibc.send(connection, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 { if errno == EAGAIN || errno == EINTR { continue } else { return false } }
            offset += written
        }
        return offset == bytes.count
    }
}
