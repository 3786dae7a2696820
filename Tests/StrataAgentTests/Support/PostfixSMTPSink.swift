import Foundation
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A tiny SMTP server on a loopback address that accepts every message and keeps it: the next hop the
/// tests route mail to. One connection at a time on its own thread; call `stop()` when done.
final class PostfixSMTPSink: @unchecked Sendable {
    struct Message: Sendable {
        var from: String
        var recipients: [String]
        var data: String
    }

    let address: String
    private(set) var port = 0
    private let listener: Int32
    private let lock = NSLock()
    private var messages: [Message] = []
    private var stopped = false
    private let thread: Thread

    init(address: String = "127.0.0.1") throws {
        self.address = address
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, address, &socketAddress.sin_addr)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw PostfixLabError("the SMTP sink cannot listen on \(address)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = Int(UInt16(bigEndian: socketAddress.sin_port))
        let box = SinkLoop()
        thread = Thread { box.sink?.serve() }
        box.sink = self
        thread.start()
    }

    deinit { stop() }

    /// Stops accepting; the thread ends within its poll interval.
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    /// The messages received so far.
    var received: [Message] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }

    /// Waits (bounded) until a message whose data contains `marker` arrives.
    func waitForMessage(containing marker: String, seconds: Double = 60) async -> Message? {
        try? await Wait.value("a message containing \(marker)", seconds: seconds, interval: 0.02) {
            received.first(where: { $0.data.contains(marker) })
        }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    fileprivate func serve() {
        while !isStopped {
            var request = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 100) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            converse(connection)
            close(connection)
        }
        close(listener)
    }

    private func converse(_ connection: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var reader = LineReader(descriptor: connection)
        var message = Message(from: "", recipients: [], data: "")
        send(connection, "220 sink.strata.test ESMTP test sink")
        while let line = reader.next() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") || upper.hasPrefix("HELO") {
                send(connection, "250-sink.strata.test\r\n250 8BITMIME")
            } else if upper.hasPrefix("MAIL FROM:") {
                message = Message(from: String(line.dropFirst(10)), recipients: [], data: "")
                send(connection, "250 2.1.0 Ok")
            } else if upper.hasPrefix("RCPT TO:") {
                message.recipients.append(String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
                send(connection, "250 2.1.5 Ok")
            } else if upper == "DATA" {
                send(connection, "354 End data with <CR><LF>.<CR><LF>")
                var lines: [String] = []
                while let dataLine = reader.next(), dataLine != "." { lines.append(dataLine) }
                message.data = lines.joined(separator: "\n")
                lock.lock()
                messages.append(message)
                lock.unlock()
                send(connection, "250 2.0.0 Ok: queued")
            } else if upper == "QUIT" {
                send(connection, "221 2.0.0 Bye")
                return
            } else {
                send(connection, "250 2.0.0 Ok")
            }
        }
    }

    private func send(_ connection: Int32, _ text: String) {
        let bytes = Array((text + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress!, $0.count) }
    }
}

/// Lets the thread reach the sink without a retain cycle at creation.
private final class SinkLoop: @unchecked Sendable {
    weak var sink: PostfixSMTPSink?
}

/// CRLF-terminated lines from a socket.
private struct LineReader {
    let descriptor: Int32
    var buffer: [UInt8] = []

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }
}

struct PostfixLabError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
