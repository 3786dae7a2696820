import CLibGit2
import Glibc

/// Scoped access to libgit2: every handle opened here is freed before the scope returns.
///
/// Handles (`OpaquePointer`) never leave these closures; callers turn what they need into
/// plain values first. Each scope holds one reference on libgit2's global state, so
/// concurrent operations on different threads are safe.
enum LibGit2 {
    /// Runs `body` between balanced `git_libgit2_init` / `git_libgit2_shutdown` calls.
    static func session<T>(_ body: () throws(GitError) -> T) throws(GitError) -> T {
        let initialised = git_libgit2_init()
        guard initialised >= 0 else {
            throw GitError(code: .libgit2, message: "cannot initialise libgit2", cause: lastErrorText())
        }
        defer { git_libgit2_shutdown() }
        return try body()
    }

    /// Opens the repository at `path` (no upward search), runs `body`, and frees it.
    static func withRepository<T>(at path: String, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try session { () throws(GitError) -> T in
            var repository: OpaquePointer?
            let result = git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
            if result == GIT_ENOTFOUND.rawValue {
                throw GitError.notARepository(path, cause: lastErrorText())
            }
            try check(result, "cannot open the repository at '\(path)'")
            guard let repository else { throw missingHandle("repository") }
            defer { git_repository_free(repository) }
            return try body(repository)
        }
    }

    /// Throws a `GitError` carrying libgit2's last error text when `result` is negative.
    static func check(_ result: Int32, code: GitError.Code = .libgit2, _ message: @autoclosure () -> String) throws(GitError) {
        guard result < 0 else { return }
        throw GitError(code: code, message: message(), cause: lastErrorText())
    }

    /// libgit2's last error message on this thread, if any.
    static func lastErrorText() -> String? {
        guard let error = git_error_last(), let text = error.pointee.message else { return nil }
        return String(cString: text)
    }

    /// The error for a call that reported success but produced no handle (never expected).
    static func missingHandle(_ what: String) -> GitError {
        GitError(code: .libgit2, message: "libgit2 returned no \(what)")
    }

    /// The 40-digit hexadecimal form of an object id.
    static func hex(_ id: UnsafePointer<git_oid>) -> String {
        var digits = [CChar](repeating: 0, count: 40)
        _ = git_oid_fmt(&digits, id)
        return String(decoding: digits.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Takes the contents of a `git_buf` filled by libgit2 and disposes of it.
    static func take(_ buffer: inout git_buf) -> String {
        defer { git_buf_dispose(&buffer) }
        guard let pointer = buffer.ptr else { return "" }
        return String(cString: pointer)
    }

    /// Passes `strings` to `body` as a `git_strarray` valid for the duration of the call.
    static func withStringArray<T>(
        _ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws(GitError) -> T
    ) throws(GitError) -> T {
        var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return try copies.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<UnsafeMutablePointer<CChar>?>) throws(GitError) -> T in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}
