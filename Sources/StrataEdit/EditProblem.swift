/// Why a file cannot be edited in place (reported as E607 by the editor, at `file` when known).
struct EditProblem: Error {
    let message: String
    let file: String?

    init(_ message: String, file: String? = nil) {
        self.message = message
        self.file = file
    }
}
