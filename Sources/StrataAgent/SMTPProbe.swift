#if canImport(Glibc)
import Glibc
#endif

/// A minimal SMTP client for health checks: banner, EHLO, MAIL, RCPT, QUIT over IPv4, every read
/// bounded by a deadline. Blocking; run on a thread pool.
struct SMTPProbe: Sendable {
    /// The whole conversation may take this long.
    var timeoutSeconds: Int
    /// The network namespace the listener lives in (the backend's `netns:`); nil: the agent's own.
    var namespace: String?

    /// Why a probe failed, in words for the apply answer.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Connects to `address:port`; the banner must be 220 and the RCPT answer must not be `4.3.5`
    /// (Postfix's "server configuration error"). Returns the RCPT answer.
    func probe(address: String, port: Int, recipient: String) throws(Failure) -> String {
        let deadline = ContinuousClock.now.advanced(by: .seconds(timeoutSeconds))
        let socket = try connect(address: address, port: port, deadline: deadline)
        defer { close(socket) }
        var buffer: [UInt8] = []
        let banner = try reply(socket, &buffer, deadline)
        guard banner.hasPrefix("220") else { throw Failure(description: "\(address):\(port) greeted with '\(banner)', not 220") }
        for command in ["EHLO strata-probe.invalid", "MAIL FROM:<>"] {
            try send(socket, command)
            let answer = try reply(socket, &buffer, deadline)
            guard answer.hasPrefix("250") else { throw Failure(description: "\(address):\(port) answered '\(answer)' to \(command)") }
        }
        try send(socket, "RCPT TO:<\(recipient)>")
        let answer = try reply(socket, &buffer, deadline)
        if answer.contains("4.3.5") || answer.hasPrefix("421") {
            throw Failure(description: "\(address):\(port) answered '\(answer)' to RCPT")
        }
        try? send(socket, "QUIT")
        return answer
    }

    private func connect(address: String, port: Int, deadline: ContinuousClock.Instant) throws(Failure) -> Int32 {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else { throw Failure(description: "'\(address)' is not an IPv4 address") }
        let descriptor = NetworkNamespace.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue), in: namespace)
        guard descriptor >= 0 else { throw Failure(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        let started = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if started != 0 && errno != EINPROGRESS {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "cannot connect to \(address):\(port): \(reason)")
        }
        guard wait(descriptor, for: Int16(POLLOUT), until: deadline) else {
            close(descriptor)
            throw Failure(description: "\(address):\(port) did not accept a connection in time")
        }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else {
            close(descriptor)
            throw Failure(description: "cannot connect to \(address):\(port): \(String(cString: strerror(error)))")
        }
        return descriptor
    }

    /// One reply: its last line (`250 2.1.0 Ok`), after any `250-` continuation lines.
    private func reply(_ descriptor: Int32, _ buffer: inout [UInt8], _ deadline: ContinuousClock.Instant) throws(Failure) -> String {
        while true {
            while let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self).trimmingSuffix("\r")
                buffer.removeSubrange(...newline)
                let bytes = Array(line.utf8)
                if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") { return line }
            }
            guard wait(descriptor, for: Int16(POLLIN), until: deadline) else { throw Failure(description: "no SMTP answer in time") }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            guard count > 0 else { throw Failure(description: "the connection closed before an SMTP answer") }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    private func send(_ descriptor: Int32, _ command: String) throws(Failure) {
        let bytes = Array((command + "\r\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        guard written == bytes.count else { throw Failure(description: "cannot send '\(command)'") }
    }

    private func wait(_ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let left = deadline - ContinuousClock.now
            let milliseconds = Int32(clamping: left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000)
            guard milliseconds > 0 else { return false }
            var request = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&request, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0 && errno == EINTR { continue }
            return false
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
