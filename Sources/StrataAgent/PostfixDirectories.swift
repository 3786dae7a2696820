#if canImport(Glibc)
import Glibc
#endif
import StrataState

/// Creates what a scratch or new instance needs before `postfix check` and `start`: the queue and data
/// directories (data owned by the `postfix` user) and the log file's directory. Existing ones are left alone.
struct PostfixDirectories: Sendable {
    let settings: PostfixBackendSettings

    func prepare() throws(AgentError) {
        if let queue = settings.queueDirectory { try make(queue, owner: nil) }
        if let data = settings.dataDirectory { try make(data, owner: "postfix") }
        try make(AtomicFile.parent(of: settings.maillogFile), owner: nil)
    }

    private func make(_ path: String, owner: String?) throws(AgentError) {
        var info = stat()
        if stat(path, &info) == 0 { return }
        try make(AtomicFile.parent(of: path), owner: nil)
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw AgentError(code: .io, message: "cannot create '\(path)'", cause: String(cString: strerror(errno)))
        }
        if let owner, let user = getpwnam(owner) { _ = chown(path, user.pointee.pw_uid, user.pointee.pw_gid) }
    }
}
